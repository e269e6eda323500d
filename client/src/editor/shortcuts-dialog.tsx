// The keyboard shortcuts dialog: opened by Ctrl+/ (⌘/) anywhere on the editor page or by the toolbar's last button,
// closed by Escape, the close button or a click outside it. A modal <dialog>, so the focus stays inside while it is
// open and goes back where it was when it closes. The toolbar holds its state, not the button: the button may sit in
// the More panel, hidden, or move between the row and the panel as the window is resized.
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type MouseEvent } from 'react';
import { isApple } from './platform';
import { isShortcutsKey, shortcutGroups } from './shortcut-list';

const groups = shortcutGroups(isApple);

/** Whether the list is open; Ctrl+/ (⌘/) anywhere on the page opens or closes it. */
export function useShortcutsDialog(): [boolean, (isOpen: boolean) => void] {
  const [isOpen, setIsOpen] = useState(false);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isShortcutsKey(event, isApple)) return;
      event.preventDefault();
      setIsOpen((open) => !open);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
  return [isOpen, setIsOpen];
}

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);

  const onKeyDown = (event: ReactKeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // Handled here, and marked: the history panel behind it leaves this Escape alone.
    event.preventDefault();
    onClose();
  };
  // A click on the backdrop lands on the dialog element itself.
  const onClick = (event: MouseEvent) => {
    if (event.target === dialogRef.current) onClose();
  };

  return (
    <dialog ref={dialogRef} className="shortcuts-dialog" data-testid="shortcuts" aria-labelledby="shortcuts-title" onKeyDown={onKeyDown} onClick={onClick} onCancel={(event) => event.preventDefault()}>
      <div className="shortcuts-body">
        <div className="shortcuts-header">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="shortcuts-groups">
          {groups.map((group) => (
            <section key={group.title} className="shortcuts-group">
              <h3>{group.title}</h3>
              {group.note !== undefined && <p className="shortcuts-note">{group.note}</p>}
              <dl>
                {group.entries.map((entry) => (
                  <div key={entry.what} className="shortcut-row">
                    <dt>{entry.what}</dt>
                    <dd>
                      {entry.keys.map((keys, index) => (
                        <span key={keys}>
                          {index > 0 && <span className="shortcut-or"> or </span>}
                          <kbd>{keys}</kbd>
                        </span>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </dialog>
  );
}
