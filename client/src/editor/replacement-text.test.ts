import { describe, expect, it } from 'vitest';
import type { ReplacementNotice } from '../../../shared/replacement-notice';
import { describeReplacement, describeReplacementUnderWay } from './replacement-plugin';

const restore = (fields: Partial<ReplacementNotice>): ReplacementNotice => ({
  kind: 'restore',
  version: 'Draft 2',
  versionAt: null,
  author: 'Ann',
  at: Date.now(),
  ...fields,
});

describe('the notice of a restore', () => {
  it('names a labelled version by its label', () => {
    expect(describeReplacement(restore({}))).toBe('Ann restored the version “Draft 2”.');
    expect(describeReplacementUnderWay(restore({}))).toBe('Ann is restoring the version “Draft 2”…');
  });

  it("names a version without a label by when it was taken, in the page's own time, not by the server's UTC name", () => {
    const notice = restore({ version: '2026-12-07 01:28 UTC', versionAt: Date.now() - 5 * 60_000 });
    expect(describeReplacement(notice)).toMatch(/^Ann restored the version of (today|yesterday), \d[^.]*\.$/);
    expect(describeReplacementUnderWay(notice)).toMatch(/^Ann is restoring the version of (today|yesterday), \d[^.…]*…$/);
  });

  it('says an undone restore is one, and who did it when the server did not know', () => {
    expect(describeReplacement(restore({ version: 'Before restoring Draft 2', author: null }))).toBe(
      'Someone undid the restore of “Draft 2”: the document is as it was before.',
    );
  });

  it('tells someone who comes back with offline edits where their words in the replaced text are kept', () => {
    expect(describeReplacement(restore({}), { hadEditsAway: true })).toBe(
      'While you were offline: Ann restored the version “Draft 2”. Words you typed meanwhile in the text it replaced are kept in History, in “Edits made during the restore of Draft 2”.',
    );
    expect(describeReplacement(restore({ kind: 'import', version: null, author: null }), { hadEditsAway: true })).toBe(
      'While you were offline: An administrator replaced the document with an imported file. Words you typed meanwhile in the text it replaced are kept in History, in “Edits made during the import”.',
    );
  });
});
