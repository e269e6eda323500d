// The names of the versions a restore makes, and how to tell an undone restore from those names. Restoring keeps the
// content it replaces as "Before restoring X"; restoring that version again is how a restore is undone, and its own
// kept version would read "Before restoring Before restoring X", its notice "Ann restored the version “Before
// restoring X”". Both sides name it for what it is instead: undoing the restore of X.

const BEFORE_RESTORING = 'Before restoring ';

/** The longest label a person may give a version (the API refuses longer ones; the editor's field stops there). */
export const MAX_VERSION_LABEL_CHARS = 200;

/** The label of the version kept just before `version` (a label, or a time) is restored. */
export function beforeRestoringLabel(version: string): string {
  const undone = restoreUndoneBy(version);
  return undone === null ? `${BEFORE_RESTORING}${version}` : `Before undoing the restore of ${undone}`;
}

/** The version whose restore is undone by restoring `version`, or null when restoring it undoes nothing. */
export function restoreUndoneBy(version: string): string | null {
  return version.startsWith(BEFORE_RESTORING) && version.length > BEFORE_RESTORING.length ? version.slice(BEFORE_RESTORING.length) : null;
}
