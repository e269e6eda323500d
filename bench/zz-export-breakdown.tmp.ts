import * as Y from 'yjs';
import { replaceDocContent } from '../shared/lexical/replace-doc-content';
import { editorFromYDoc, editorFromYjsUpdate } from '../shared/lexical/yjs-to-editor-state';
import { editorStateToMarkdown } from '../shared/lexical/editor-state-to-markdown';
import { editorStateToText } from '../shared/lexical/editor-state-to-text';
import { editorStateToHtmlPage } from '../server/src/documents/editor-state-to-html-page';
import { renderDocument } from '../server/src/documents/render-document';

const t = (label: string, fn: () => unknown) => { const s = performance.now(); const r = fn(); console.log(label.padEnd(34), (performance.now() - s).toFixed(0), 'ms'); return r; };
const ta = async (label: string, fn: () => Promise<unknown>) => { const s = performance.now(); const r = await fn(); console.log(label.padEnd(34), (performance.now() - s).toFixed(0), 'ms'); return r; };
const md = Array.from({ length: 10000 }, (_, i) => `Paragraph ${i + 1} with some words in it.`).join('\n\n');
const doc = new Y.Doc();
t('import markdown (replaceDocContent)', () => replaceDocContent(doc, { format: 'markdown', text: md }, null));
for (let round = 0; round < 3; round++) {
  console.log('--- round', round);
  const state = t('Y.encodeStateAsUpdate', () => Y.encodeStateAsUpdate(doc)) as Uint8Array;
  t('Y.applyUpdate into new doc', () => Y.applyUpdate(new Y.Doc(), state));
  t('editorFromYDoc (live doc)', () => editorFromYDoc(doc));
  const editor = t('editorFromYjsUpdate (apply+read)', () => editorFromYjsUpdate(state)) as ReturnType<typeof editorFromYDoc>;
  t('toJSON', () => editor.getEditorState().toJSON());
  t('JSON.stringify(toJSON)', () => JSON.stringify(editor.getEditorState().toJSON()));
  t('markdown', () => editorStateToMarkdown(editor));
  t('text', () => editorStateToText(editor));
  await ta('html page', () => editorStateToHtmlPage(editor, 'x'));
  for (const f of ['markdown', 'html', 'json', 'text', 'yjs'] as const) await ta(`renderDocument ${f} (full)`, () => renderDocument(Y.encodeStateAsUpdate(doc), f, 'x'));
}
