// Browser entry: reads the page's address once and renders the app. Nothing else happens here.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { readClientConfig } from './config';
import './styles.css';

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root element');

createRoot(rootElement).render(
  <StrictMode>
    <App config={readClientConfig(window.location)} storage={window.localStorage} />
  </StrictMode>,
);
