// Picks the screen for the route: the document list, the editor, or a page explaining a bad address.
// Routing is by full page load (plain links), so each screen starts from a fresh config. The editor (Lexical, Yjs)
// is loaded only on editor pages, so the document list opens fast.
import { lazy, Suspense, type ReactNode } from 'react';
import type { ClientConfig } from './config';
import { DocList } from './docs/doc-list';

const EditorScreen = lazy(() => import('./editor/editor-screen').then((module) => ({ default: module.EditorScreen })));

export function App({ config, storage }: { config: ClientConfig; storage: Storage }) {
  const { route } = config;
  switch (route.kind) {
    case 'home':
      return <DocList storage={storage} />;
    case 'doc':
      return (
        <Suspense fallback={<div className="editor-page editor-loading" aria-busy="true" />}>
          <EditorScreen key={route.docName} config={config} docName={route.docName} storage={storage} />
        </Suspense>
      );
    case 'bad-doc':
      return (
        <ProblemPage title="That is not a document name">
          “{route.raw}”: {route.reason}.
        </ProblemPage>
      );
    case 'not-found':
      return <ProblemPage title="Page not found">There is nothing at {route.path}.</ProblemPage>;
  }
}

function ProblemPage({ title, children }: { title: string; children: ReactNode }) {
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
