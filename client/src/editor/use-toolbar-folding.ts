// Keeps the toolbar to one row at any window width: measures each group as laid out in the row and folds the least
// used into the More button's panel when they do not all fit (toolbar-folding.ts picks which). Before, a window
// around 900 px wide wrapped the last group onto a second row, and a phone scrolled 15 of 27 buttons out of sight.
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { groupsToFold } from './toolbar-folding';

/** The More button's width before it has first been shown: a tool button and a group separator. */
const MORE_WIDTH_ESTIMATE = 43;

function outerWidth(element: HTMLElement): number {
  const style = getComputedStyle(element);
  return element.getBoundingClientRect().width + parseFloat(style.marginLeft) + parseFloat(style.marginRight);
}

function isSameSet(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  return a.size === b.size && [...a].every((index) => b.has(index));
}

/**
 * The indices of the groups to show under More. The toolbar's groups in the row carry `data-group={index}`, the More
 * button's group `data-more`; `foldRanks` (one per group, stable) orders the folding.
 */
export function useToolbarFolding(toolbarRef: RefObject<HTMLElement | null>, foldRanks: ReadonlyArray<number | null>): ReadonlySet<number> {
  const [folded, setFolded] = useState<ReadonlySet<number>>(() => new Set());
  // A folded group is out of the row: it keeps the width it had there.
  const widths = useRef<number[]>([]);
  const moreWidth = useRef(MORE_WIDTH_ESTIMATE);
  const measureRef = useRef<() => void>(() => {});

  useLayoutEffect(() => {
    const toolbar = toolbarRef.current;
    if (toolbar === null) return;
    const measure = () => {
      for (const group of toolbar.querySelectorAll<HTMLElement>(':scope > [data-group]')) widths.current[Number(group.dataset.group)] = outerWidth(group);
      const more = toolbar.querySelector<HTMLElement>(':scope > [data-more]');
      if (more !== null) moreWidth.current = outerWidth(more);
      const style = getComputedStyle(toolbar);
      const available = toolbar.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const groups = foldRanks.map((foldRank, index) => ({ width: widths.current[index] ?? 0, foldRank }));
      const next = groupsToFold(groups, available, moreWidth.current);
      setFolded((shown) => (isSameSet(shown, next) ? shown : next));
    };
    // Before the first paint, with every group in the row: the page never shows the toolbar in two rows.
    measureRef.current = measure;
    measure();
    const resized = new ResizeObserver(measure);
    resized.observe(toolbar);
    return () => resized.disconnect();
  }, [toolbarRef, foldRanks]);
  // Again once the row has changed: the More button that just appeared is measured, not estimated (its separator
  // follows the stylesheet), and a resize alone would not run this.
  useLayoutEffect(() => measureRef.current(), [folded]);

  return folded;
}
