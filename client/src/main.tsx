// Browser entry: reads the page's address once and renders the app (an editor page once the editor's code is here),
// and in a production build registers the offline app shell. Nothing else happens here.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, EditorLoading, loadEditorScreen, ProblemPage } from './app';
import { readClientConfig } from './config';
import { createStartedHere } from './docs/started-here';
import { holdTypedAhead } from './docs/typed-ahead';
import { registerServiceWorker, scheduleOfflineShell } from './register-service-worker';
import './styles.css';

/** An editor page registers the offline shell when its document shows, or after this long if it never does. */
const SHELL_AT_THE_LATEST_MS = 10_000;

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root element');

const config = readClientConfig(window.location);
// A document just started with New takes typing at once: keys pressed while its editor loads are kept for it.
const typedAhead =
  config.route.kind === 'doc' && createStartedHere(window.localStorage).has(config.route.docName)
    ? holdTypedAhead(config.route.docName, window.sessionStorage)
    : null;

// The offline app shell: on an editor page once its document shows (see scheduleOfflineShell). Not under `npm run
// dev`: a worker there would serve stale modules over Vite's hot reload. Absent on plain-HTTP hosts.
const registerOfflineShell = scheduleOfflineShell(
  () => {
    if (import.meta.env.PROD && 'serviceWorker' in navigator) registerServiceWorker(navigator.serviceWorker, document);
  },
  { isEditorPage: config.route.kind === 'doc', latestMs: SHELL_AT_THE_LATEST_MS },
);

const root = createRoot(rootElement);
if (config.route.kind === 'doc') root.render(<EditorLoading />);
void loadEditorScreen(config.route).then(
  (editorScreen) =>
    root.render(
      <StrictMode>
        <App config={config} storage={window.localStorage} editorScreen={editorScreen} typedAhead={typedAhead} onEditorReady={registerOfflineShell} />
      </StrictMode>,
    ),
  (error: unknown) => {
    console.error('tandem: the editor could not be loaded', error);
    root.render(<ProblemPage title="The editor could not be loaded">Check the connection, then reload the page.</ProblemPage>);
  },
);
