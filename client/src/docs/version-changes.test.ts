// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { markChanges } from './version-changes';

function fragment(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
}

/**
 * The marked version in a short notation: +[block] only in the version, -[block] only now, ~[block] reformatted,
 * {-del}{+ins} words.
 */
function notation(root: HTMLElement): string[] {
  return Array.from(root.querySelectorAll('p, h1, h2, h3, li')).map((block) => {
    const words = Array.from(block.childNodes)
      .filter((node) => !(node instanceof Element && (node.tagName === 'UL' || node.tagName === 'OL')))
      .map((node) => (node instanceof Element && node.tagName === 'INS' ? `{+${node.textContent}}` : node instanceof Element && node.tagName === 'DEL' && !block.classList.contains('change-removed') ? `{-${node.textContent}}` : node.textContent))
      .join('');
    const marks: Record<string, string> = { 'change-added': '+', 'change-removed': '-', 'change-formatted': '~' };
    const prefix = Object.entries(marks).find(([name]) => block.classList.contains(name))?.[1] ?? '';
    return `${prefix}${block.tagName.toLowerCase()}:${words}`;
  });
}

describe('markChanges', () => {
  it('leaves a version that reads like the document now unmarked', () => {
    const version = fragment('<h1>Title</h1><p>Same <b>words</b>.</p>');
    expect(markChanges(version, fragment('<h1>Title</h1><p>Same <b>words</b>.</p>'))).toEqual({ blocks: 0 });
    expect(version.innerHTML).toBe('<h1>Title</h1><p>Same <b>words</b>.</p>');
  });

  it('shows the words of a changed block, a block that would come back, and one that would go', () => {
    const version = fragment('<h1>Title</h1><p>Para one.</p><p>Old ending.</p>');
    const counts = markChanges(version, fragment('<h1>Title</h1><p>Para one. Bob sentence.</p><p>Added since.</p><p>Old ending.</p>'));
    expect(notation(version)).toEqual(['h1:Title', 'p:Para one.{- Bob sentence.}', '-p:Added since.', 'p:Old ending.']);
    expect(counts).toEqual({ blocks: 2 });
    const back = fragment('<p>Kept</p><p>Deleted later</p>');
    expect(markChanges(back, fragment('<p>Kept</p>'))).toEqual({ blocks: 1 });
    expect(notation(back)).toEqual(['p:Kept', '+p:Deleted later']);
  });

  it('pairs a changed block with the one that reads like it, not with a new block before it', () => {
    const version = fragment('<p>Bring boots.</p><p>Dinner at the lodge.</p>');
    expect(markChanges(version, fragment('<p>Bring boots.</p><p>Maps are in the car.</p><p>Dinner at the lodg</p>'))).toEqual({ blocks: 2 });
    expect(notation(version)).toEqual(['p:Bring boots.', '-p:Maps are in the car.', 'p:Dinner at the {-lodg}{+lodge.}']);
    const unlike = fragment('<p>Alpha beta gamma</p>');
    markChanges(unlike, fragment('<p>Something else entirely</p>'));
    expect(notation(unlike)).toEqual(['+p:Alpha beta gamma', '-p:Something else entirely']);
  });

  it('marks the same words with another kind, level, list, alignment or format as reformatted', () => {
    const version = fragment('<p>Title line</p><p>Body <b>text</b></p><h2>Details</h2><ul><li>item</li></ul><p>Left</p>');
    const now = fragment('<h1>Title line</h1><p>Body text</p><h3>Details</h3><ol><li>item</li></ol><p style="text-align: center;">Left</p>');
    expect(markChanges(version, now)).toEqual({ blocks: 5 });
    expect(notation(version)).toEqual(['~p:Title line', '~p:Body text', '~h2:Details', '~li:item', '~p:Left']);
    expect(version.querySelector('b')?.textContent).toBe('text');
  });

  it('shows a heading that would go as a heading, and passes over empty blocks', () => {
    const version = fragment('<p>Body</p><p></p>');
    expect(markChanges(version, fragment('<h1>Gone title</h1><p>Body</p><p></p><p></p>'))).toEqual({ blocks: 1 });
    expect(notation(version)).toEqual(['-h1:Gone title', 'p:Body', 'p:']);
  });

  it('puts a block that is only in the document now at the top when nothing comes before it, and items into lists', () => {
    const version = fragment('<ul><li>milk</li></ul>');
    markChanges(version, fragment('<p>New top</p><ul><li>milk</li><li>eggs</li></ul>'));
    expect(notation(version)).toEqual(['-p:New top', 'li:milk', '-li:eggs']);
    expect(version.querySelector('ul')!.children).toHaveLength(2);
  });

  it('keeps nested lists under a changed item, and marks an item nested deeper as reformatted', () => {
    const version = fragment('<ul><li>socks<ul><li>wool</li></ul></li><li><ul><li>deep</li></ul></li></ul>');
    markChanges(version, fragment('<ul><li>socks!<ul><li>wool</li></ul></li><li><ul><li><ul><li>deep</li></ul></li></ul></li></ul>'));
    expect(notation(version)).toEqual(['li:socks{-!}', 'li:wool', 'li:', '~li:deep']);
    expect(version.querySelectorAll('li li')).toHaveLength(2);
  });
});
