import { describe, expect, it } from 'vitest';
import { pastedFromVscode } from './pasted-from-vscode';

/** VS Code's clipboard entry for a copy from a file in `mode`. */
function editorData(mode: string | null): string {
  return JSON.stringify({ version: 1, isFromEmptySelection: false, multicursorText: null, mode });
}

describe('pastedFromVscode', () => {
  it('reads a copy from a Markdown file as Markdown', () => {
    expect(pastedFromVscode(editorData('markdown'), '# Title\n\nSome **bold** words')).toEqual({ kind: 'markdown' });
  });

  it('makes lines of code a code block in their language, without the line end of a whole-line copy', () => {
    expect(pastedFromVscode(editorData('typescript'), 'const a = 1;\r\n\r\nexport { a };\r\n')).toEqual({
      kind: 'code-block',
      language: 'typescript',
      code: 'const a = 1;\n\nexport { a };',
    });
  });

  it('names the language as a code fence usually does', () => {
    expect(pastedFromVscode(editorData('typescriptreact'), 'a\nb')).toMatchObject({ language: 'tsx' });
    expect(pastedFromVscode(editorData('shellscript'), 'a\nb')).toMatchObject({ language: 'bash' });
    expect(pastedFromVscode(editorData('objective-c'), 'a\nb')).toMatchObject({ language: 'objective-c' });
  });

  it('gives no language a fence could not carry', () => {
    expect(pastedFromVscode(editorData('my lang`'), 'a\nb')).toEqual({ kind: 'code-block', language: null, code: 'a\nb' });
  });

  it('keeps part of one line of code as it is, a whole line with its line end too', () => {
    expect(pastedFromVscode(editorData('python'), 'f(**kwargs, **more)')).toEqual({ kind: 'code-line' });
    expect(pastedFromVscode(editorData('python'), 'f(**kwargs)\n')).toEqual({ kind: 'code-line' });
  });

  it('reads a copy from a plain-text file, or of no language, as prose', () => {
    expect(pastedFromVscode(editorData('plaintext'), 'Dear all,\n\nSee you.')).toEqual({ kind: 'prose' });
    expect(pastedFromVscode(editorData(null), 'a\nb')).toEqual({ kind: 'prose' });
    expect(pastedFromVscode('{"version":1}', 'a\nb')).toEqual({ kind: 'prose' });
  });

  it('leaves a clipboard without VS Code\'s entry, or with another program\'s of that name, to the usual paste', () => {
    expect(pastedFromVscode('', '# Title')).toBeNull();
    expect(pastedFromVscode('not json', '# Title')).toBeNull();
    expect(pastedFromVscode('"markdown"', '# Title')).toBeNull();
    expect(pastedFromVscode('{"mode":"markdown"}', '# Title')).toBeNull();
  });
});
