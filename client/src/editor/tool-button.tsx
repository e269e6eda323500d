// One toolbar button: named for screen readers and speech control, its shortcut in the tooltip, and pressed while its
// format is on. It never takes the focus on a click, so the editor keeps its selection.
import type { ReactNode } from 'react';
import { shortcutLabelOf } from './block-shortcuts';
import { isApple } from './platform';

interface ToolButtonProps {
  readonly action: string;
  readonly label: string;
  /** The button's text, when it is a word rather than an icon ("H1"): its name starts with it, so that someone
   * who sees "H1" and says "click H1" to their speech control reaches it. */
  readonly shownAs?: string;
  readonly shortcut?: string;
  readonly pressed?: boolean;
  /** It opens a dialog (aria-haspopup). */
  readonly hasPopup?: 'dialog';
  readonly disabled: boolean;
  readonly onClick: () => void;
  readonly children: ReactNode;
}

export function ToolButton({ action, label, shownAs, shortcut, pressed, hasPopup, disabled, onClick, children }: ToolButtonProps) {
  // The block, alignment and strikethrough buttons take their keys from block-shortcuts.ts.
  const keys = shortcut ?? shortcutLabelOf(action, isApple);
  return (
    <button
      type="button"
      className="tool-button"
      data-action={action}
      aria-label={shownAs === undefined ? label : `${shownAs}, ${label}`}
      title={keys === undefined ? label : `${label} (${keys})`}
      aria-pressed={pressed}
      aria-haspopup={hasPopup}
      disabled={disabled}
      // Keep focus (and the selection) in the editor while clicking.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
