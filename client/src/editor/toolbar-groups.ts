// The toolbar's groups of buttons, in the row's order, and which of them fold under More first when the row is too
// narrow (see use-toolbar-folding.ts).

export type GroupName = 'history' | 'headings' | 'marks' | 'moreMarks' | 'link' | 'lists' | 'indent' | 'alignment' | 'blocks' | 'tools';

export interface GroupLayout {
  readonly name: GroupName;
  /** Folds under More when the row is too narrow, lowest first; null: always in the row. */
  readonly foldRank: number | null;
  /** No separator before it in the row: it reads as part of the group before. */
  readonly joinsPrevious?: boolean;
}

/**
 * The groups in the row's order. Alignment folds first, the least used; bold, italic, underline, link, undo and redo
 * never do, and are what a phone shows, with More.
 */
export const groupLayout: ReadonlyArray<GroupLayout> = [
  { name: 'history', foldRank: null },
  { name: 'headings', foldRank: 7 },
  { name: 'marks', foldRank: null },
  { name: 'moreMarks', foldRank: 5, joinsPrevious: true },
  { name: 'link', foldRank: null, joinsPrevious: true },
  { name: 'lists', foldRank: 6 },
  { name: 'indent', foldRank: 4, joinsPrevious: true },
  { name: 'alignment', foldRank: 1 },
  { name: 'blocks', foldRank: 2 },
  { name: 'tools', foldRank: 3 },
];
export const foldRanks = groupLayout.map((group) => group.foldRank);
