// Which toolbar groups fold away under the More button so the rest keep to one row. Pure: the widths come from the
// page (use-toolbar-folding.ts), so the choice can be tested without a browser.

export interface FoldableGroup {
  /** Width in the row, its separator included (px). */
  readonly width: number;
  /** Lower folds first; null never folds (the most used buttons). */
  readonly foldRank: number | null;
}

/**
 * The indices of the groups to fold, least used first, until what is left fits `availableWidth` beside a More button
 * `moreWidth` wide. None when every group fits without it. Groups that never fold stay even if they overflow.
 */
export function groupsToFold(groups: ReadonlyArray<FoldableGroup>, availableWidth: number, moreWidth: number): ReadonlySet<number> {
  let rowWidth = groups.reduce((sum, group) => sum + group.width, 0);
  const folded = new Set<number>();
  if (rowWidth <= availableWidth) return folded;
  rowWidth += moreWidth;
  const foldOrder = groups
    .map((group, index) => ({ index, rank: group.foldRank }))
    .filter((entry): entry is { index: number; rank: number } => entry.rank !== null)
    .sort((a, b) => a.rank - b.rank);
  for (const { index } of foldOrder) {
    if (rowWidth <= availableWidth) break;
    folded.add(index);
    rowWidth -= groups[index]!.width;
  }
  return folded;
}
