// Builds the editor from client/ into dist/client; `npm run dev` serves it with hot reload and proxies the server.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const serverUrl = process.env.TANDEM_DEV_SERVER ?? 'http://127.0.0.1:8787';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      '/collab': { target: serverUrl, ws: true },
      '/api': serverUrl,
      '/admin': serverUrl,
      '/healthz': serverUrl,
    },
  },
});
