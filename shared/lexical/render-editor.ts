// An editor's document in one of the text export formats, exactly as the export API sends it: the server renders
// live documents and versions with this, and the browser renders its own copy with it when the server is out of
// reach. HTML needs a DOM window, so it is rendered apart (editor-state-to-html.ts and html-page.ts).
import type { LexicalEditor } from 'lexical';
import { editorStateToMarkdown } from './editor-state-to-markdown';
import { editorStateToText } from './editor-state-to-text';

export type PlainExportFormat = 'json' | 'markdown' | 'text';

/** Throws `ConversionError` when the editor does not hold a document the format can express. */
export function renderEditor(editor: LexicalEditor, format: PlainExportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(editor.getEditorState().toJSON())}\n`;
    case 'markdown':
      return withFinalNewline(editorStateToMarkdown(editor));
    case 'text':
      return withFinalNewline(editorStateToText(editor));
  }
}

function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
