import { describe, expect, it } from 'vitest';
import { groupsToFold, type FoldableGroup } from './toolbar-folding';

const groups: FoldableGroup[] = [
  { width: 66, foldRank: null }, // undo, redo
  { width: 115, foldRank: 3 },
  { width: 115, foldRank: null },
  { width: 149, foldRank: 1 },
  { width: 81, foldRank: 2 },
];
const total = 66 + 115 + 115 + 149 + 81;

describe('groupsToFold', () => {
  it('folds nothing while every group fits, More button or not', () => {
    expect([...groupsToFold(groups, total, 47)]).toEqual([]);
    expect([...groupsToFold(groups, 2000, 47)]).toEqual([]);
  });

  it('folds the least used group first, and leaves room for the More button', () => {
    expect([...groupsToFold(groups, total - 1, 47)]).toEqual([3]);
    // Folding the widest group leaves 377 + 47 for More: a pixel less folds the next one too.
    expect([...groupsToFold(groups, total - 149 + 47, 47)]).toEqual([3]);
    expect([...groupsToFold(groups, total - 149 + 46, 47)].sort()).toEqual([3, 4]);
  });

  it('folds in rank order, not by width or place', () => {
    expect([...groupsToFold(groups, 300, 47)]).toEqual([3, 4, 1]);
  });

  it('never folds a group without a rank, even when the row still overflows', () => {
    expect([...groupsToFold(groups, 100, 47)].sort()).toEqual([1, 3, 4]);
  });
});
