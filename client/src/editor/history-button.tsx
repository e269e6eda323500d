// The header's History button: opens and closes the version history drawer. A deleted document's versions went with
// it, so there it stays disabled and says why.
import { actionIcons } from './action-icons';

export interface HistoryButtonProps {
  readonly isOpen: boolean;
  readonly isDeleted: boolean;
  readonly onToggle: () => void;
}

export function HistoryButton({ isOpen, isDeleted, onToggle }: HistoryButtonProps) {
  return (
    <button
      type="button"
      className="button button-quiet action-button"
      data-testid="history-open"
      aria-expanded={isOpen}
      disabled={isDeleted}
      title={isDeleted ? 'This document was deleted, with its versions' : 'Version history'}
      onClick={onToggle}
    >
      <span className="action-icon">{actionIcons.history}</span>
      <span className="action-label">History</span>
    </button>
  );
}
