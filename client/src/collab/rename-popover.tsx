// Your own avatar; clicking it opens an inline form to change your display name. Closed from inside (Escape, Cancel,
// Save), the form hands the focus back to the avatar, so the keyboard keeps its place.
import { useCallback, useId, useRef, useState, type FormEvent } from 'react';
import { useDismiss } from '../use-dismiss';
import { useKeepInViewport } from '../use-keep-in-viewport';
import { cleanDisplayName, maxDisplayNameLength, type Identity } from './identity';
import { initialsOf } from './initials';

export function RenamePopover({ identity, onRename }: { identity: Identity; onRename: (name: string) => void }) {
  const [isOpen, setIsOpen] = useState(false);
  const [draft, setDraft] = useState(identity.name);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const inputId = useId();
  const close = useCallback(() => {
    // A click elsewhere keeps the focus it gives; only a form closed from inside gives it back to the avatar.
    const active = document.activeElement;
    if (active === null || active === document.body || rootRef.current?.contains(active)) buttonRef.current?.focus();
    setIsOpen(false);
  }, []);
  useDismiss(rootRef, isOpen, close);
  useKeepInViewport(formRef, isOpen);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = cleanDisplayName(draft);
    if (name === null) return;
    onRename(name);
    close();
  };

  return (
    <div className="self" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="avatar avatar-self"
        data-testid="self-avatar"
        style={{ backgroundColor: identity.color }}
        title={`You: ${identity.name} (click to rename)`}
        aria-haspopup="dialog"
        aria-expanded={isOpen}
        onClick={() => {
          setDraft(identity.name);
          setIsOpen((open) => !open);
        }}
      >
        <span aria-hidden="true">{initialsOf(identity.name)}</span>
        <span className="visually-hidden">Your name: {identity.name}. Rename</span>
      </button>
      {isOpen && (
        <form ref={formRef} className="popover rename-form" role="dialog" aria-label="Your display name" onSubmit={submit}>
          <label htmlFor={inputId}>Your name, as others see it</label>
          <input
            id={inputId}
            className="text-input"
            data-testid="rename-input"
            value={draft}
            maxLength={maxDisplayNameLength}
            autoFocus
            onFocus={(event) => event.target.select()}
            onChange={(event) => setDraft(event.target.value)}
          />
          <div className="popover-actions">
            <button type="button" className="button button-quiet" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={cleanDisplayName(draft) === null}>
              Save
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
