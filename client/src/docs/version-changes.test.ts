// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { markChanges } from './version-changes';

function fragment(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
}

/** The marked version in a short notation: +[block] only in the version, -[block] only now, {-del}{+ins} words. */
function notation(root: HTMLElement): string[] {
  return Array.from(root.querySelectorAll('p, h1, h2, li')).map((block) => {
    const words = Array.from(block.childNodes)
      .filter((node) => !(node instanceof Element && (node.tagName === 'UL' || node.tagName === 'OL')))
      .map((node) => (node instanceof Element && node.tagName === 'INS' ? `{+${node.textContent}}` : node instanceof Element && node.tagName === 'DEL' && !block.classList.contains('change-removed') ? `{-${node.textContent}}` : node.textContent))
      .join('');
    const prefix = block.classList.contains('change-added') ? '+' : block.classList.contains('change-removed') ? '-' : '';
    return `${prefix}${block.tagName.toLowerCase()}:${words}`;
  });
}

describe('markChanges', () => {
  it('leaves a version that reads like the document now unmarked', () => {
    const version = fragment('<h1>Title</h1><p>Same <b>words</b>.</p>');
    expect(markChanges(version, fragment('<h1>Title</h1><p>Same words.</p>'))).toEqual({ fromVersion: 0, fromNow: 0 });
    expect(version.innerHTML).toBe('<h1>Title</h1><p>Same <b>words</b>.</p>');
  });

  it('shows the words of a changed block, a block that would come back, and one that would go', () => {
    const version = fragment('<h1>Title</h1><p>Para one.</p><p>Old ending.</p>');
    const counts = markChanges(version, fragment('<h1>Title</h1><p>Para one. Bob sentence.</p><p>Added since.</p><p>Old ending.</p>'));
    expect(notation(version)).toEqual(['h1:Title', 'p:Para one.{- Bob sentence.}', '-p:Added since.', 'p:Old ending.']);
    expect(counts).toEqual({ fromVersion: 1, fromNow: 1 });
    const back = fragment('<p>Kept</p><p>Deleted later</p>');
    expect(markChanges(back, fragment('<p>Kept</p>'))).toEqual({ fromVersion: 1, fromNow: 0 });
    expect(notation(back)).toEqual(['p:Kept', '+p:Deleted later']);
  });

  it('pairs a changed block with the one that reads like it, not with a new block before it', () => {
    const version = fragment('<p>Bring boots.</p><p>Dinner at the lodge.</p>');
    const counts = markChanges(version, fragment('<p>Bring boots.</p><p>Maps are in the car.</p><p>Dinner at the lodg</p>'));
    expect(notation(version)).toEqual(['p:Bring boots.', '-p:Maps are in the car.', 'p:Dinner at the {-lodg}{+lodge.}']);
    expect(counts).toEqual({ fromVersion: 1, fromNow: 1 });
    const unlike = fragment('<p>Alpha beta gamma</p>');
    markChanges(unlike, fragment('<p>Something else entirely</p>'));
    expect(notation(unlike)).toEqual(['+p:Alpha beta gamma', '-p:Something else entirely']);
  });

  it('puts a block that is only in the document now at the top when nothing comes before it, and items into lists', () => {
    const version = fragment('<ul><li>milk</li></ul>');
    markChanges(version, fragment('<p>New top</p><ul><li>milk</li><li>eggs</li></ul>'));
    expect(notation(version)).toEqual(['-p:New top', 'li:milk', '-li:eggs']);
    expect(version.querySelector('ul')!.children).toHaveLength(2);
  });

  it('keeps nested lists under a changed item, and skips items that only wrap a nested list', () => {
    const version = fragment('<ul><li>socks<ul><li>wool</li></ul></li><li><ul><li>deep</li></ul></li></ul>');
    markChanges(version, fragment('<ul><li>socks!<ul><li>wool</li></ul></li><li><ul><li>deep</li></ul></li></ul>'));
    expect(notation(version)).toEqual(['li:socks{-!}', 'li:wool', 'li:', 'li:deep']);
    expect(version.querySelectorAll('li li')).toHaveLength(2);
  });
});
