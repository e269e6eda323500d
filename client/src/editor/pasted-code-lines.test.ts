// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { joinCodeLines } from './pasted-code-lines';

const BLOCK_STYLE = "color: #cccccc;background-color: #1f1f1f;font-family: Consolas, 'Courier New', monospace;font-weight: normal;font-size: 14px;line-height: 19px;white-space: pre;";

/** The text of each <pre> in `html`. */
function blocksOf(html: string): string[] {
  return Array.from(new DOMParser().parseFromString(html, 'text/html').querySelectorAll('pre')).map((pre) => pre.textContent ?? '');
}

describe('joinCodeLines', () => {
  it("turns VS Code's block of lines (Chrome) into one block, a line end between lines, empty lines kept", () => {
    const html = `<meta charset='utf-8'><div style="${BLOCK_STYLE}"><div><span style="color: #569cd6;">const</span><span> a = 1;</span></div>`
      + '<br><div><span>if (a) {</span></div><div><span>&#160; &#160; go(a &lt; 2);</span></div><div><span>}</span></div></div>';
    expect(blocksOf(joinCodeLines(html)!)).toEqual(['const a = 1;\n\nif (a) {\n    go(a < 2);\n}']);
  });

  it("turns VS Code's run of styled lines (Safari) into one block", () => {
    const line = (text: string) => `<div style="${BLOCK_STYLE}"><span>${text}</span></div>`;
    const html = `<p>Before</p>${line('a()')}<br style="${BLOCK_STYLE}">${line('b()')}<p>After</p>`;
    const result = joinCodeLines(html)!;
    expect(blocksOf(result)).toEqual(['a()\n\nb()']);
    expect(result).toContain('<p>Before</p>');
    expect(result).toContain('<p>After</p>');
  });

  it('leaves one styled line alone, and pastes with no monospace block', () => {
    expect(joinCodeLines(`<div style="${BLOCK_STYLE}"><span>x</span></div>`)).toBeNull();
    expect(joinCodeLines('<p style="font-family: monospace">x</p>')).toBeNull();
    expect(joinCodeLines('<p>No code</p>')).toBeNull();
  });
});
