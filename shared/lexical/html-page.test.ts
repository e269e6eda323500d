import { describe, expect, it } from 'vitest';
import { htmlPage } from './html-page';

describe('htmlPage', () => {
  it('wraps the fragment in a page with its title, a phone-ready viewport and the styles in the head', () => {
    const page = htmlPage('<h1>Trip &amp; plan</h1>', 'Trip & <plan>');
    expect(page).toMatch(/^<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">/);
    expect(page).toContain('<title>Trip &#38; &#60;plan&#62;</title>');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    const head = page.slice(0, page.indexOf('</head>'));
    expect(head).toMatch(/<style>\nbody \{[^}]*font:/);
    expect(page).toContain('<body>\n<main>\n<h1>Trip &amp; plan</h1>\n</main>\n</body>');
  });

  it('shows a code block\'s language in its corner, as the editor does', () => {
    expect(htmlPage('', 'x')).toMatch(/pre\[data-language\]::before \{ content: attr\(data-language\); position: absolute; top: [^;]+; right: /);
  });
});
