import { describe, expect, it } from 'vitest';
import { UndoStepBoundaries, type StepKeys } from './undo-step-boundaries';

const key = (name: string, modifiers: Partial<StepKeys> = {}): StepKeys => ({ key: name, ctrlKey: false, metaKey: false, isAltGraph: false, ...modifiers });

/** The keys of `text` before which a step ends, marked with "|". */
function stepsOf(text: string, boundaries = new UndoStepBoundaries()): string {
  return Array.from(text, (char) => (boundaries.beforeKey(key(char)) ? `|${char}` : char)).join('');
}

describe('undo step boundaries', () => {
  it('end after each word, however long the pauses between the letters', () => {
    expect(stepsOf('one two three')).toBe('one |two |three');
  });

  it('end before and after a shortcut, and before a key that moves the caret', () => {
    const boundaries = new UndoStepBoundaries();
    expect(stepsOf('bold', boundaries)).toBe('bold');
    expect(boundaries.beforeKey(key('Control'))).toBe(false);
    expect(boundaries.beforeKey(key('b', { ctrlKey: true }))).toBe(true);
    expect(stepsOf('er', boundaries)).toBe('|er');
    expect(boundaries.beforeKey(key('ArrowLeft'))).toBe(true);
    expect(stepsOf('x', boundaries)).toBe('x');
  });

  it('treat Shift and AltGr as typing, not as shortcuts', () => {
    const boundaries = new UndoStepBoundaries();
    expect(boundaries.beforeKey(key('Shift'))).toBe(false);
    expect(stepsOf('Ann', boundaries)).toBe('Ann');
    expect(boundaries.beforeKey(key('@', { ctrlKey: true, isAltGraph: true }))).toBe(false);
    expect(stepsOf('mail', boundaries)).toBe('mail');
  });

  it('make an indent with Tab a step of its own', () => {
    const boundaries = new UndoStepBoundaries();
    expect(stepsOf('second', boundaries)).toBe('second');
    expect(boundaries.beforeKey(key('Tab'))).toBe(true);
    expect(stepsOf('more', boundaries)).toBe('|more');
  });

  it('end where typing turns into deleting and back', () => {
    const boundaries = new UndoStepBoundaries();
    expect(boundaries.beforeKey(key('a', { ctrlKey: true }))).toBe(true);
    expect(boundaries.beforeKey(key('Delete'))).toBe(true);
    expect(stepsOf('fresh', boundaries)).toBe('|fresh');
    expect(boundaries.beforeKey(key('Backspace'))).toBe(true);
    expect(boundaries.beforeKey(key('Backspace'))).toBe(false);
    expect(stepsOf('sh', boundaries)).toBe('|sh');
  });

  it('make a paste a step of its own', () => {
    const boundaries = new UndoStepBoundaries();
    expect(stepsOf('typed', boundaries)).toBe('typed');
    boundaries.afterPaste();
    expect(stepsOf('more', boundaries)).toBe('|more');
  });
});
