// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from './sanitize-html';

function cleaned(html: string): HTMLElement {
  const holder = document.createElement('div');
  holder.append(sanitizeHtml(html));
  return holder;
}

describe('sanitizeHtml', () => {
  it("keeps a checklist's ticks from the export's task-list checkboxes, without the checkboxes", () => {
    const holder = cleaned(
      '<ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" disabled>open</li>'
        + '<li class="task-list-item"><input type="checkbox" disabled checked>done</li></ul>',
    );
    expect(Array.from(holder.querySelectorAll('li'), (li) => [li.textContent, li.getAttribute('aria-checked')])).toEqual([
      ['open', 'false'],
      ['done', 'true'],
    ]);
    expect(holder.querySelector('input')).toBeNull();
  });

  it('drops scripts and event handlers and keeps only safe links', () => {
    const holder = cleaned('<p onclick="x()">hi <a href="javascript:alert(1)">bad</a> <a href="https://example.com">ok</a></p><script>x()</script>');
    expect(holder.innerHTML).toBe('<p>hi bad <a href="https://example.com" target="_blank" rel="noopener noreferrer">ok</a></p>');
  });

  it("keeps a block's text alignment and no other style", () => {
    const holder = cleaned(
      '<h1 style="text-align: center; color: red">Title</h1><p style="text-align: right; position: fixed">x</p>'
        + '<p style="text-align: left">y</p><span style="text-align: center">z</span>',
    );
    expect(holder.innerHTML).toBe('<h1 style="text-align: center;">Title</h1><p style="text-align: right;">x</p><p>y</p><span>z</span>');
  });

  it("keeps a code block's language, when it is a word, for the preview's corner", () => {
    const holder = cleaned(
      '<pre data-language="js"><code class="language-js">let x;</code></pre><pre data-language="c++"><code>x</code></pre>'
        + '<pre data-language="a b<i>"><code>y</code></pre><p data-language="js">z</p>',
    );
    expect(holder.innerHTML).toBe('<pre data-language="js"><code>let x;</code></pre><pre data-language="c++"><code>x</code></pre><pre><code>y</code></pre><p>z</p>');
  });
});
