// Starts conversion-worker.ts when the server runs from its TypeScript source (tests, `npm run admin`): a worker
// thread has no TypeScript loader of its own, so this registers tsx in the thread first. The bundle starts
// conversion-worker.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./conversion-worker.ts');
