import * as Y from 'yjs';
import { replaceDocContent } from '../shared/lexical/replace-doc-content';
import { editorFromYDoc, editorFromYjsUpdate } from '../shared/lexical/yjs-to-editor-state';
import { editorStateToMarkdown } from '../shared/lexical/editor-state-to-markdown';
import { editorStateToText } from '../shared/lexical/editor-state-to-text';
import { editorStateToHtmlPage } from '../server/src/documents/editor-state-to-html-page';
import { renderDocument } from '../server/src/documents/render-document';

const rows = new Map<string, number[]>();
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const rec = (label: string, ms: number) => { rows.set(label, [...(rows.get(label) ?? []), ms]); };
const t = <T,>(label: string, fn: () => T): T => { const s = cpu(); const r = fn(); rec(label, cpu() - s); return r; };
const ta = async <T,>(label: string, fn: () => Promise<T>): Promise<T> => { const s = cpu(); const r = await fn(); rec(label, cpu() - s); return r; };
const md = Array.from({ length: 10000 }, (_, i) => `Paragraph ${i + 1} with some words in it.`).join('\n\n');
const doc = new Y.Doc();
t('import markdown (replaceDocContent)', () => replaceDocContent(doc, { format: 'markdown', text: md }, null));
for (let round = 0; round < 6; round++) {
  const state = t('1 Y.encodeStateAsUpdate(live doc)', () => Y.encodeStateAsUpdate(doc));
  t('2 Y.applyUpdate(new Y.Doc(), state)', () => Y.applyUpdate(new Y.Doc(), state));
  t('3 editorFromYDoc(live doc)', () => editorFromYDoc(doc));
  const editor = t('4 editorFromYjsUpdate(state) = 2+3', () => editorFromYjsUpdate(state));
  t('5 json: toJSON+stringify', () => JSON.stringify(editor.getEditorState().toJSON()));
  t('6 markdown from editor', () => editorStateToMarkdown(editor));
  t('7 text from editor', () => editorStateToText(editor));
  await ta('8 html page from editor', () => editorStateToHtmlPage(editor, 'x'));
  for (const f of ['markdown', 'html', 'json', 'text', 'yjs'] as const) await ta(`9 renderDocument(encode(live), ${f})`, () => renderDocument(Y.encodeStateAsUpdate(doc), f, 'x'));
}
for (const [label, v] of rows) { const w = v.length > 1 ? v.slice(1) : v; const s = [...w].sort((a, b) => a - b); console.log(label.padEnd(40), 'median CPU ms', s[Math.floor((s.length - 1) / 2)]!.toFixed(0), ' all:', v.map((x) => x.toFixed(0)).join(' ')); }
