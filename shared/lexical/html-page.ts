// A standalone HTML page around an exported HTML fragment: a charset, a title, and a short stylesheet so the file
// opened in a browser reads like the document in the editor (its font, a column of text, quotes, code with its
// language in the corner, and marks), not like unstyled 1990s HTML in Times. The styles sit in the head, so the body
// stays plain semantic markup for anything that imports it. The server and the browser (a download made from this device's copy) wrap their exports
// the same way.

const STYLES = `body { margin: 0; color: #1f2328; background: #fff; font: 16px/1.6 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif; }
main { max-width: 44rem; margin: 0 auto; padding: 3rem 1.5rem 4rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.5em; }
main > :first-child { margin-top: 0; }
p, ul, ol, blockquote, pre { margin: 0 0 0.9em; }
a { color: #1a56c4; }
blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid #d0d7de; color: #57606a; }
code, pre { font-family: ui-monospace, 'SF Mono', SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace; font-size: 0.9em; }
code { background: #f3f4f6; padding: 0.1em 0.3em; border-radius: 4px; }
pre { background: #f6f8fa; padding: 0.9em 1em; border-radius: 6px; overflow-x: auto; }
pre code { background: none; padding: 0; }
pre[data-language] { position: relative; padding-right: 5em; }
pre[data-language]::before { content: attr(data-language); position: absolute; top: 0.5em; right: 0.8em; font: 600 11px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #6e7781; pointer-events: none; user-select: none; }
mark { background: #fff3a3; }
li > ul, li > ol { margin-bottom: 0; }
.contains-task-list { list-style: none; padding-left: 1.2em; }
.task-list-item > input { margin: 0 0.5em 0 -1.2em; }
@media print { main { max-width: none; padding: 0; } }`;

export function htmlPage(body: string, title: string): string {
  return `<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(title)}</title>\n<style>\n${STYLES}\n</style>\n</head>\n<body>\n<main>\n${body}\n</main>\n</body>\n</html>\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
