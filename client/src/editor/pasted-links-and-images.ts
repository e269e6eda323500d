// Links and images in pasted HTML. A link's own underline is how browsers draw links, not a format someone chose:
// Google Docs spells it out (`<a><span style="text-decoration:underline">`), and imported as it was, the words got
// an underline of their own that stayed after the link was removed and came out in Markdown as `<u>…</u>`. Images:
// documents hold no pictures, and a pasted one vanished, leaving an empty line; now it becomes a link to the image
// named by its description, as a Markdown import turns `![alt](url)` into its link. An image that lives only in
// the clipboard (a data: address) keeps its description as text, if it has one, and else leaves no empty line.

/** `html` with link underlines dropped and images turned into links; null when it has neither (paste it unchanged). */
export function tidyLinksAndImages(html: string): string | null {
  if (!/<(a|img)[\s>]/i.test(html)) return null;
  const page = new DOMParser().parseFromString(html, 'text/html');
  let changed = false;
  for (const link of Array.from(page.querySelectorAll('a'))) {
    for (const element of [link, ...Array.from(link.querySelectorAll<HTMLElement>('*'))]) {
      if (element.tagName === 'U') {
        element.replaceWith(...Array.from(element.childNodes));
        changed = true;
      } else if (/underline/i.test(element.style.textDecoration) || /underline/i.test(element.style.textDecorationLine)) {
        element.style.textDecoration = 'none';
        element.style.textDecorationLine = 'none';
        changed = true;
      }
    }
  }
  for (const image of Array.from(page.querySelectorAll('img'))) {
    const parent = image.parentElement;
    image.replaceWith(...textForImage(page, image));
    removeIfEmpty(parent, page.body);
    changed = true;
  }
  return changed ? page.body.innerHTML : null;
}

/** Removes `element`, and its parents that held nothing else, once it holds no text or element: no empty line. */
function removeIfEmpty(element: HTMLElement | null, body: HTMLElement): void {
  let current = element;
  while (current !== null && current !== body && current.childElementCount === 0 && (current.textContent ?? '').trim() === '') {
    const parent = current.parentElement;
    current.remove();
    current = parent;
  }
}

function textForImage(page: Document, image: HTMLImageElement): Node[] {
  const description = (image.getAttribute('alt') ?? image.getAttribute('title') ?? '').replace(/\s+/g, ' ').trim();
  const source = image.getAttribute('src') ?? '';
  if (!/^https?:\/\//i.test(source)) return description === '' ? [] : [page.createTextNode(description)];
  const link = page.createElement('a');
  link.href = source;
  link.textContent = description === '' ? source : description;
  // An image inside a link already (a linked thumbnail) gives its words to that link, not a link of its own.
  return image.closest('a') === null ? [link] : [page.createTextNode(link.textContent)];
}
