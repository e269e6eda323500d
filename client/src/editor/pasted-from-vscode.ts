// What a copy from VS Code (or an editor built on it) is. Besides the text, VS Code puts HTML on the clipboard that
// only colours it, one monospace <div> a line, and a `vscode-editor-data` entry naming the language of the file
// ({"version":1,"mode":"markdown",…}). The HTML made every copy a code block, Markdown included (`# Title` and `**`
// as typed); the language says what the text is: Markdown to convert, prose, or code of that language.

/** How text copied from VS Code goes in. */
export type VscodePaste =
  /** From a Markdown file: converted, as a paste of Markdown as plain text is. */
  | { readonly kind: 'markdown' }
  /** From a plain-text file, or of no language: the text alone, as if nothing else were on the clipboard. */
  | { readonly kind: 'prose' }
  /** Part of one line of code: as it is, into the line it is pasted in (`**kwargs` is no Markdown). */
  | { readonly kind: 'code-line' }
  /** Lines of code: a code block, named after the language when it has a name a code fence can carry. */
  | { readonly kind: 'code-block'; readonly language: string | null; readonly code: string };

/** VS Code's language ids that differ from the name a Markdown code fence usually gives the language. */
const FENCE_NAMES: Readonly<Record<string, string>> = {
  typescriptreact: 'tsx',
  javascriptreact: 'jsx',
  shellscript: 'bash',
};

/** A name a code fence can carry (```python), as the editor's Markdown shortcut and import read it. */
const FENCE_NAME = /^[\w-]{1,40}$/;

/**
 * `editorData` is the clipboard's `vscode-editor-data` entry and `text` its plain text. Null when the clipboard does
 * not come from VS Code (no entry, or one that is not VS Code's JSON): the paste goes the usual way.
 */
export function pastedFromVscode(editorData: string, text: string): VscodePaste | null {
  const mode = modeOf(editorData);
  if (mode === undefined) return null;
  if (mode === 'markdown') return { kind: 'markdown' };
  // A whole line copied with nothing selected ends in its line end, which is no line of its own.
  const code = text.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  if (mode === null || mode === 'plaintext') return { kind: 'prose' };
  if (!code.includes('\n')) return { kind: 'code-line' };
  const language = FENCE_NAMES[mode] ?? mode;
  return { kind: 'code-block', language: FENCE_NAME.test(language) ? language : null, code };
}

/** The entry's language id; null when it names none; undefined when it is not VS Code's entry at all. */
function modeOf(editorData: string): string | null | undefined {
  if (editorData === '') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(editorData);
  } catch {
    return undefined; // another program's entry of that name: not ours to read, and the paste goes the usual way
  }
  if (typeof data !== 'object' || data === null || !('version' in data)) return undefined;
  const mode = 'mode' in data ? data.mode : null;
  return typeof mode === 'string' && mode !== '' ? mode : null;
}
