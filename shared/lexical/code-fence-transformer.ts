// Lexical's fenced code block (CODE), with the empty lines that end a block kept on import. Lexical drops them, so a
// block ending in an empty line, which the export writes as "print(1)\n\n```", came back without it, and each export
// and import took another one away.
import { $isCodeNode } from '@lexical/code';
import { CODE, type MultilineElementTransformer } from '@lexical/markdown';
import { $isTextNode } from 'lexical';

type ImportAfterStart = NonNullable<MultilineElementTransformer['handleImportAfterStartMatch']>;

export const CODE_KEEPING_END_LINES: MultilineElementTransformer = {
  ...CODE,
  // The import goes through here (CODE's own replace is called from inside it, so wrapping replace would not do).
  handleImportAfterStartMatch: (args) => {
    const result = (CODE.handleImportAfterStartMatch as ImportAfterStart)(args);
    if (!result) return result;
    const endLines = emptyEndLines(args, result[1]);
    const code = args.rootNode.getLastChild();
    const text = $isCodeNode(code) ? code.getLastChild() : null;
    if (endLines > 0 && $isTextNode(text)) {
      // n empty lines after some code are n line ends; a block of nothing but n empty lines holds n - 1.
      const lineEnds = text.getTextContent() === '' ? endLines - 1 : endLines;
      text.setTextContent(text.getTextContent() + '\n'.repeat(lineEnds));
    }
    return result;
  },
};

/**
 * The empty lines just before the closing fence at `endLineIndex`, which CODE drops. None for a one-line block, or
 * for a fence never closed: that block runs to the end of the file, and the blank lines there are not its own.
 */
function emptyEndLines({ lines, startLineIndex, startMatch }: Parameters<ImportAfterStart>[0], endLineIndex: number): number {
  const fenceLength = (startMatch[1] ?? '```').trim().length;
  const closingFence = new RegExp(`^[ \\t]*\`{${fenceLength},}$`);
  if (endLineIndex <= startLineIndex || !closingFence.test(lines[endLineIndex] ?? '')) return 0;
  let count = 0;
  while (endLineIndex - 1 - count > startLineIndex && lines[endLineIndex - 1 - count] === '') count += 1;
  return count;
}
