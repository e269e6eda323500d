// Builds the editor from client/ into dist/client; `npm run dev` serves it with hot reload and proxies the server.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compressAssets } from './client/build/compress-assets.js';
import { preloadEditorChunk } from './client/build/preload-editor-chunk.js';

const serverUrl = process.env.TANDEM_DEV_SERVER ?? 'http://127.0.0.1:8787';

export default defineConfig({
  root: 'client',
  plugins: [react(), preloadEditorChunk({ entry: 'editor/editor-screen.tsx', routePrefix: '/d/' }), compressAssets()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // The editor's chunk (Lexical, Yjs and the editor: 538 kB, 169 kB gzipped) loads only on a document's page, after
    // the list page's 231 kB; split further, Rolldown put Lexical into what the list page preloads. So the warning
    // for chunks over 500 kB is moved past it, and still warns should the editor grow by a fifth.
    chunkSizeWarningLimit: 650,
    // Compressing the scripts (compress-assets.ts) takes about a second of plugin time, which Rolldown would report
    // after every build as a slow plugin.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    port: 5173,
    proxy: {
      '/collab': { target: serverUrl, ws: true },
      '/api': serverUrl,
      '/admin': serverUrl,
      '/healthz': serverUrl,
      '/readyz': serverUrl,
      '/metrics': serverUrl,
    },
  },
});
