import { describe, expect, it } from 'vitest';
import { beforeRestoringLabel, restoreUndoneBy } from './restore-labels';

describe('restore labels', () => {
  it('names the version kept before a restore after the version restored', () => {
    expect(beforeRestoringLabel('First draft')).toBe('Before restoring First draft');
    expect(beforeRestoringLabel('2026-12-05 12:00 UTC')).toBe('Before restoring 2026-12-05 12:00 UTC');
  });

  it('names an undone restore for what it is, not "Before restoring Before restoring …"', () => {
    expect(restoreUndoneBy('Before restoring First draft')).toBe('First draft');
    expect(beforeRestoringLabel('Before restoring First draft')).toBe('Before undoing the restore of First draft');
    expect(restoreUndoneBy('First draft')).toBeNull();
    expect(restoreUndoneBy('Before restoring ')).toBeNull();
  });
});
