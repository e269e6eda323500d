// Picks the screen for the route: the document list, the editor, or a page explaining a bad address.
// Routing is by full page load (plain links), so each screen starts from a fresh config. The editor (Lexical, Yjs)
// is loaded only on editor pages (see loadEditorScreen), so the document list opens fast.
import type { ReactNode } from 'react';
import type { ClientConfig, Route } from './config';
import { DocList } from './docs/doc-list';
import type { HeldKeys } from './hold-keys';
import { explainDocNameProblem } from './docs/doc-name-problem';
import { nameFromTitle } from './docs/name-from-title';
import type { EditorScreen } from './editor/editor-screen';

export type EditorScreenComponent = typeof EditorScreen;

/**
 * The editor screen's code, fetched for an editor page only (null for any other). The page renders once it is here
 * rather than behind a Suspense boundary: React holds back the content of a boundary that showed its fallback for
 * 300 ms, and the editor connected that much later.
 */
export async function loadEditorScreen(route: Route): Promise<EditorScreenComponent | null> {
  return route.kind === 'doc' ? (await import('./editor/editor-screen')).EditorScreen : null;
}

/** What an editor page shows while its code loads. */
export function EditorLoading() {
  return <div className="editor-page editor-loading" aria-busy="true" />;
}

export interface AppProps {
  readonly config: ClientConfig;
  readonly storage: Storage;
  /** From loadEditorScreen(config.route). */
  readonly editorScreen: EditorScreenComponent | null;
  /** Keys typed while a document started here opens (see typed-ahead.ts), for its editor. */
  readonly typedAhead: HeldKeys | null;
  /** For an editor page: called when the document's content shows. */
  readonly onEditorReady?: () => void;
}

export function App({ config, storage, editorScreen: EditorScreen, typedAhead, onEditorReady }: AppProps) {
  const { route } = config;
  switch (route.kind) {
    case 'home':
      return <DocList storage={storage} />;
    case 'doc':
      if (EditorScreen === null) throw new Error('the editor screen was not loaded for an editor page');
      return <EditorScreen key={route.docName} config={config} docName={route.docName} storage={storage} typedAhead={typedAhead} onContentReady={onEditorReady} />;
    case 'bad-doc': {
      const suggested = nameFromTitle(route.raw);
      // A name past 128 characters is not repeated, nor is the one made of it: either would fill the page.
      const isTooLong = route.problem === 'too-long';
      return (
        <ProblemPage title="That is not a document name">
          {isTooLong || route.problem === 'empty' ? '' : `“${route.raw}” cannot be a document’s name. `}
          {explainDocNameProblem(route.problem)}
          {suggested !== null && (
            <>
              {' '}
              <a href={`/d/${suggested}${window.location.search}`} data-testid="suggested-doc">
                {isTooLong ? 'Open it cut to 128 characters' : `Open “${suggested}” instead`}
              </a>
              .
            </>
          )}
        </ProblemPage>
      );
    }
    case 'not-found':
      return <ProblemPage title="Page not found">There is nothing at {route.path}.</ProblemPage>;
  }
}

export function ProblemPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="problem-page">
      <h1>{title}</h1>
      <p>{children}</p>
      <a className="button button-primary" href="/">
        Go to your documents
      </a>
    </main>
  );
}
