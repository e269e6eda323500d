// The headless Lexical editor every conversion works in: the editor's node list, errors thrown instead of logged,
// and Tandem's HTML export rules. Nothing here touches Yjs, and no global DOM.
import { createHeadlessEditor } from '@lexical/headless';
import {
  isLexicalEditor,
  type EditorUpdateOptions,
  type LexicalEditor,
  type SerializedEditorState,
} from 'lexical';
import { ConversionError } from './conversion-error';
import { htmlExportRules } from './html-export-rules';
import { editorNodes } from './nodes';

/** What the exports accept: Lexical JSON, or an editor already holding the document (see `editorFromYDoc`). */
export type DocumentContent = SerializedEditorState | LexicalEditor;

/**
 * A headless editor with `editorNodes`; with a state, that state is loaded (validated by Lexical's own parser).
 * Throws `ConversionError` when the state is not a Lexical editor state made of known nodes.
 */
export function createConversionEditor(state?: SerializedEditorState): LexicalEditor {
  const editor = createHeadlessEditor({
    namespace: 'tandem',
    nodes: [...editorNodes],
    html: htmlExportRules,
    // Lexical reports errors raised inside updates through onError and would otherwise only log them. A rolled-back
    // update's error is rethrown by updateOrRollBack once Lexical has restored the previous state.
    onError: (error) => {
      if (error instanceof RolledBack) return;
      throw error;
    },
  });
  if (state !== undefined) {
    assertEditorStateShape(state);
    try {
      editor.setEditorState(editor.parseEditorState(state));
    } catch (cause) {
      throw new ConversionError(`not a Tandem editor state: ${messageOf(cause)}`, { cause });
    }
  }
  return editor;
}

/** Carries an update function's error through Lexical, which rolls the update back only if onError returns. */
class RolledBack extends Error {
  constructor(readonly original: unknown) {
    super('the update was rolled back');
  }
}

/**
 * Runs `fn` as a discrete (synchronously committed) update of a conversion editor. If `fn` throws, nothing of it is
 * committed (so nothing reaches a bound Y.Doc) and its error is rethrown here.
 */
export function updateOrRollBack(editor: LexicalEditor, fn: () => void, options?: EditorUpdateOptions): void {
  let failure: RolledBack | null = null;
  editor.update(
    () => {
      try {
        fn();
      } catch (error) {
        failure = new RolledBack(error);
        throw failure;
      }
    },
    { ...options, discrete: true },
  );
  if (failure !== null) throw (failure as RolledBack).original;
}

/** The editor holding `content`: the given editor itself, or a new one loaded from the JSON. */
export function conversionEditorFor(content: DocumentContent): LexicalEditor {
  return isLexicalEditor(content) ? content : createConversionEditor(content);
}

/** Checks the outer shape before Lexical sees it, so a wrong body gets a message that says what is wrong. */
export function assertEditorStateShape(value: unknown): asserts value is SerializedEditorState {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConversionError('a Lexical editor state must be a JSON object with a "root" node');
  }
  const root = (value as { root?: unknown }).root;
  if (typeof root !== 'object' || root === null || (root as { type?: unknown }).type !== 'root') {
    throw new ConversionError('a Lexical editor state needs "root": { "type": "root", "children": [...] }');
  }
  if (!Array.isArray((root as { children?: unknown }).children)) {
    throw new ConversionError('the root of a Lexical editor state needs a "children" array');
  }
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
