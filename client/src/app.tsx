// Picks the screen for the route: the document list, the editor, or a page explaining a bad address.
// Routing is by full page load (plain links), so each screen starts from a fresh config.
import type { ReactNode } from 'react';
import type { ClientConfig } from './config';
import { DocList } from './docs/doc-list';
import { EditorScreen } from './editor/editor-screen';

export function App({ config, storage }: { config: ClientConfig; storage: Storage }) {
  const { route } = config;
  switch (route.kind) {
    case 'home':
      return <DocList storage={storage} />;
    case 'doc':
      return <EditorScreen key={route.docName} config={config} docName={route.docName} storage={storage} />;
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
