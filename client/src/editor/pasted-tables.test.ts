// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { flattenTables } from './pasted-tables';

/** Each paragraph of `html` as text, tabs shown as →. */
function linesOf(html: string): string[] {
  const page = new DOMParser().parseFromString(html, 'text/html');
  return Array.from(page.body.children).map((element) => (element.textContent ?? '').replace(/\t/g, '→'));
}

describe('flattenTables', () => {
  it('makes each row one paragraph, its cells apart by a tab', () => {
    const html = '<p>Before</p><table><thead><tr><th>Name</th><th>Qty</th></tr></thead><tbody><tr><td>Pears</td><td>3</td></tr><tr><td>Figs</td><td>12</td></tr></tbody></table><p>After</p>';
    expect(linesOf(flattenTables(html)!)).toEqual(['Before', 'Name→Qty', 'Pears→3', 'Figs→12', 'After']);
  });

  it('keeps a tab the editor will not collapse, and the inline formatting and links of the cells', () => {
    const html = flattenTables('<table><tr><td><b>Bold</b> cell</td><td><a href="https://example.com/">link</a></td></tr></table>')!;
    expect(html).toContain('<span style="white-space: pre;">\t</span>');
    expect(html).toContain('<b>Bold</b> cell');
    expect(html).toContain('<a href="https://example.com/">link</a>');
  });

  it('puts the paragraphs and line breaks inside a cell on its line, apart by spaces', () => {
    const html = '<table><tr><td><p>one</p><p>two</p></td><td>three<br>four</td></tr></table>';
    expect(linesOf(flattenTables(html)!)).toEqual(['one two→three four']);
  });

  it('leaves a paste without tables alone', () => {
    expect(flattenTables('<p>No table here</p>')).toBeNull();
  });
});
