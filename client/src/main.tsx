// Browser entry: reads the page's address once and renders the app, and in a production build registers the
// offline app shell. Nothing else happens here.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { readClientConfig } from './config';
import { registerServiceWorker } from './register-service-worker';
import './styles.css';

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root element');

createRoot(rootElement).render(
  <StrictMode>
    <App config={readClientConfig(window.location)} storage={window.localStorage} />
  </StrictMode>,
);

// Not under `npm run dev`: a worker there would serve stale modules over Vite's hot reload. Absent on plain-HTTP hosts.
if (import.meta.env.PROD && 'serviceWorker' in navigator) registerServiceWorker(navigator.serviceWorker, document);
