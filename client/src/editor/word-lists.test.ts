// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { convertWordLists } from './word-lists';

/** One list paragraph as Word puts it on the clipboard, its marker between supportLists comments. */
function wordItem(text: string, marker: string, level = 1, list = 'l0'): string {
  return `<p class=MsoListParagraphCxSpMiddle style='text-indent:-.25in;mso-list:${list} level${level} lfo1'><![if !supportLists]>`
    + `<span style='font-family:Symbol'>${marker}<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span>`
    + `<![endif]>${text}<o:p></o:p></p>`;
}

/** The lists' shape: tag names with their items' own text, nested lists inside their item. */
function shape(html: string): unknown {
  const holder = document.createElement('div');
  holder.innerHTML = html;
  const describe = (element: Element): unknown => {
    if (element.tagName === 'LI') {
      const own = Array.from(element.childNodes).filter((n) => !(n instanceof Element && /^(UL|OL)$/.test(n.tagName)));
      const nested = Array.from(element.children).filter((n) => /^(UL|OL)$/.test(n.tagName));
      const text = own.map((n) => n.textContent).join('');
      return nested.length === 0 ? text : [text, ...nested.map(describe)];
    }
    if (/^(UL|OL)$/.test(element.tagName)) return { [element.tagName.toLowerCase()]: Array.from(element.children).map(describe) };
    return element.tagName.toLowerCase() + ':' + element.textContent;
  };
  return Array.from(holder.children).map(describe);
}

describe('convertWordLists', () => {
  it('turns bulleted and numbered Word paragraphs into lists, without the typed-out markers', () => {
    const html = `<p class=MsoNormal>Before<o:p></o:p></p>${wordItem('Bullet one', '·')}${wordItem('Bullet <b>two</b>', '·')}`
      + `${wordItem('Number one', '1.', 1, 'l1')}${wordItem('Number two', '2.', 1, 'l1')}<p class=MsoNormal>After</p>`;
    const converted = convertWordLists(html)!;
    expect(shape(converted)).toEqual([
      'p:Before',
      { ul: ['Bullet one', 'Bullet two'] },
      { ol: ['Number one', 'Number two'] },
      'p:After',
    ]);
    expect(converted).toContain('<b>two</b>'); // formatting inside an item is kept
    expect(converted).not.toContain('·');
  });

  it('nests items by their level', () => {
    const html = wordItem('Top', '·') + wordItem('Inner a', 'o', 2) + wordItem('Inner b', 'o', 2) + wordItem('Deepest', '§', 3)
      + wordItem('Back out', '·');
    expect(shape(convertWordLists(html)!)).toEqual([
      { ul: [['Top', { ul: ['Inner a', ['Inner b', { ul: ['Deepest'] }]] }], 'Back out'] },
    ]);
  });

  it('reads markers in a span marked mso-list:Ignore, and lettered or bracketed numbers as numbered', () => {
    const ignoreItem = (text: string, marker: string) =>
      `<p style="mso-list:l2 level1 lfo3"><span style="mso-list:Ignore">${marker}<span>&nbsp;&nbsp;</span></span>${text}</p>`;
    expect(shape(convertWordLists(ignoreItem('First', 'a)') + ignoreItem('Second', 'b)'))!)).toEqual([{ ol: ['First', 'Second'] }]);
    expect(shape(convertWordLists(ignoreItem('Roman', 'iv.'))!)).toEqual([{ ol: ['Roman'] }]);
  });

  it('keeps lists apart when other paragraphs stand between them', () => {
    const html = wordItem('One', '·') + '<p>Between</p>' + wordItem('Two', '·');
    expect(shape(convertWordLists(html)!)).toEqual([{ ul: ['One'] }, 'p:Between', { ul: ['Two'] }]);
  });

  it("keeps Word's numbered headings as headings", () => {
    const heading = `<h1 style='mso-list:l3 level1 lfo4'><![if !supportLists]><span>1.<span>&nbsp;&nbsp;</span></span><![endif]>Scope</h1>`;
    expect(shape(convertWordLists(heading + wordItem('Item', '·')) ?? '')).toEqual([expect.stringMatching(/^h1:1\.\s+Scope$/), { ul: ['Item'] }]);
  });

  it('leaves HTML without Word lists alone', () => {
    expect(convertWordLists('<ul><li>Already a list</li></ul><p>text</p>')).toBeNull();
    expect(convertWordLists('<p style="mso-margin-top-alt:auto">Word, but no list</p>')).toBeNull();
  });
});
