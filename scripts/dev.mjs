// `npm run dev`: the server (restarting on change) and Vite with hot reload, which proxies /collab, /api and
// /admin to it. Open http://127.0.0.1:5173.
import { spawn } from 'node:child_process';

// The proxy follows the server's PORT, so `PORT=8788 npm run dev` never sends the page to another server on 8787.
const serverUrl = process.env.TANDEM_DEV_SERVER ?? `http://127.0.0.1:${process.env.PORT || '8787'}`;
const children = [
  spawn('npx', ['tsx', 'watch', 'server/src/main.ts'], { stdio: 'inherit' }),
  spawn('npx', ['vite', '--host', '127.0.0.1'], { stdio: 'inherit', env: { ...process.env, TANDEM_DEV_SERVER: serverUrl } }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => { stop(); process.exitCode = code ?? 0; });
