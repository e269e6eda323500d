// A standalone HTML page around an exported HTML fragment: a charset and a title. The server and the browser (a
// download made from this device's copy) wrap their exports the same way.

export function htmlPage(body: string, title: string): string {
  return `<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
