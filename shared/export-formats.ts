// The formats a document is exported and imported in, as the HTTP APIs, the CLI and the editor's Download menu spell
// them, with their content types and file extensions: one table for the server and the browser.

export const exportFormats = ['yjs', 'json', 'markdown', 'html', 'text'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** HTML and plain text lose structure, so they are export-only. */
export const importFormats = ['markdown', 'json', 'yjs'] as const;
export type ImportFormat = (typeof importFormats)[number];

export const formatContentType: Readonly<Record<ExportFormat, string>> = {
  yjs: 'application/octet-stream',
  json: 'application/json',
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

export const formatExtension: Readonly<Record<ExportFormat, string>> = {
  yjs: 'yjs',
  json: 'json',
  markdown: 'md',
  html: 'html',
  text: 'txt',
};
