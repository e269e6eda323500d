// Who else is here: one avatar per other person (initials on their colour, full name for tests and screen
// readers; a click goes to their cursor), then your own avatar, which opens a small form to rename yourself.
// Arrivals and departures are announced to screen readers (arrivals-message.ts).
import { useEffect, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { arrivalsMessage, nextAnnouncement } from './arrivals-message';
import type { Identity } from './identity';
import { initialsOf } from './initials';
import { jumpToCaretOf } from './jump-to-caret';
import { RenamePopover } from './rename-popover';
import { useRemoteUsers, type RemoteUser } from './use-remote-users';

export interface PresenceBarProps {
  readonly awareness: Awareness;
  readonly identity: Identity;
  readonly onRename: (name: string) => void;
}

export function PresenceBar({ awareness, identity, onRename }: PresenceBarProps) {
  const users = useRemoteUsers(awareness, identity);
  const announcement = useArrivalsAnnouncement(users);
  return (
    <div className="presence-area">
      <span className="visually-hidden" role="status" aria-live="polite" data-testid="presence-announcement">
        {announcement}
      </span>
      <ul className="presence" data-testid="presence" aria-label={users.length === 0 ? 'Nobody else is here' : 'Also here'}>
        {users.map((user) => (
          <li key={user.clientId} className={user.isSelfElsewhere ? 'avatar avatar-elsewhere' : 'avatar'} data-testid="presence-user" title={titleOf(user)} style={{ backgroundColor: user.color }}>
            {/* The element's text is exactly the display name (a CONTRACT hook); the initials are drawn by CSS. */}
            {/* A click keeps the focus in the text (as the toolbar's buttons do): letters typed after the jump went
                nowhere while the avatar held it. They go to this person's own caret, as in Google Docs. */}
            <button
              type="button"
              className="avatar-jump"
              aria-label={user.isSelfElsewhere ? `${user.name} (you, in another tab)` : user.name}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => jumpToCaretOf(user.name)}
            >
              <span className="avatar-initials" data-initials={initialsOf(user.name)} aria-hidden="true" />
              <span className="visually-hidden">{user.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <RenamePopover identity={identity} onRename={onRename} />
    </div>
  );
}

/** The latest arrivals or departures, as a sentence; the live region reads each new one out. */
function useArrivalsAnnouncement(users: RemoteUser[]): string {
  const shown = useRef(users);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    const message = arrivalsMessage(shown.current, users);
    shown.current = users;
    if (message !== null) setAnnouncement((shownBefore) => nextAnnouncement(shownBefore, message));
  }, [users]);
  return announcement;
}

function titleOf(user: RemoteUser): string {
  if (user.isSelfElsewhere) return user.tabs === 1 ? `${user.name} (you, in another tab)` : `${user.name} (you, in ${user.tabs} other tabs)`;
  const who = user.tabs === 1 ? user.name : `${user.name} (${user.tabs} tabs)`;
  return `${who}: click to go to their cursor`;
}
