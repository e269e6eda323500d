// What a screen reader says when people come and go: the presence list changes silently on screen, so a person who
// cannot see the avatars learns of a collaborator only when their words appear. Pure: the presence bar shows it in
// a polite live region.
import type { RemoteUser } from './use-remote-users';

/** "Ann is here", "Ann and Ben left", both joined in one sentence; null when nobody came or went. Own other tabs are not news. */
export function arrivalsMessage(before: readonly RemoteUser[], after: readonly RemoteUser[]): string | null {
  const others = (users: readonly RemoteUser[]) => users.filter((user) => !user.isSelfElsewhere);
  const idsBefore = new Set(others(before).map((user) => user.clientId));
  const idsAfter = new Set(others(after).map((user) => user.clientId));
  const came = others(after).filter((user) => !idsBefore.has(user.clientId)).map((user) => user.name);
  const went = others(before).filter((user) => !idsAfter.has(user.clientId)).map((user) => user.name);
  const parts = [came.length > 0 ? `${listOf(came)} ${came.length === 1 ? 'is' : 'are'} here` : null, went.length > 0 ? `${listOf(went)} left` : null];
  const message = parts.filter((part) => part !== null).join('. ');
  return message === '' ? null : `${message}.`;
}

/**
 * What the live region holds next to say `message` after `shown`: a live region reads out changes only, so the same
 * sentence again ("Ann left." when Ann comes back and leaves again) ends in a no-break space this time, which
 * screen readers do not pronounce.
 */
export function nextAnnouncement(shown: string, message: string): string {
  return shown === message ? `${message}\u00a0` : message;
}

function listOf(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}
