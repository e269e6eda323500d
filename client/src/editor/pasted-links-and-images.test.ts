// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { tidyLinksAndImages } from './pasted-links-and-images';

describe('tidyLinksAndImages', () => {
  it('drops the underline Google Docs spells out on a link, keeping its other styles', () => {
    const html = tidyLinksAndImages('<p>see <a href="https://example.org/page"><span style="color:#1155cc;text-decoration:underline;font-weight:700">a link</span></a></p>')!;
    const span = new DOMParser().parseFromString(html, 'text/html').querySelector('a span') as HTMLElement;
    expect(span.style.textDecoration).not.toContain('underline');
    expect(span.style.fontWeight).toBe('700');
    expect(tidyLinksAndImages('<a href="https://example.org/"><u>plain</u></a>')).toBe('<a href="https://example.org/">plain</a>');
  });

  it('keeps underlines outside links, and leaves HTML without links or images alone', () => {
    expect(tidyLinksAndImages('<p><span style="text-decoration:underline">mine</span></p>')).toBeNull();
    expect(tidyLinksAndImages('<p><a href="https://example.org/">x</a> <u>mine</u></p>')).toBeNull();
  });

  it('turns an image into a link to it, named by its description or else its address', () => {
    expect(tidyLinksAndImages('<p>Figure: <img src="https://example.org/chart.png" alt=" Sales   chart "></p>')).toBe('<p>Figure: <a href="https://example.org/chart.png">Sales chart</a></p>');
    expect(tidyLinksAndImages('<img src="https://example.org/a.png">')).toBe('<a href="https://example.org/a.png">https://example.org/a.png</a>');
  });

  it('keeps only the description of an image that lives in the clipboard, or of one already inside a link', () => {
    expect(tidyLinksAndImages('<p><img src="data:image/png;base64,AAAA" alt="Chart"></p>')).toBe('<p>Chart</p>');
    expect(tidyLinksAndImages('<p>before</p><p><span><img src="data:image/png;base64,AAAA"></span></p><p>after</p>')).toBe('<p>before</p><p>after</p>');
    expect(tidyLinksAndImages('<a href="https://example.org/"><img src="https://example.org/t.png" alt="Thumb"></a>')).toBe('<a href="https://example.org/">Thumb</a>');
  });
});
