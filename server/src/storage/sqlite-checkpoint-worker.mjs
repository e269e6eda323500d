// Runs SQLite WAL checkpoints on a thread of their own, so the fsync a checkpoint costs never stalls the event loop
// that commits and broadcasts updates. Plain JavaScript because it starts as a worker thread, outside tsx and Vite.
// workerData: { path: string }. Messages in: 'checkpoint', 'stop'. Posts { complete: boolean } after each
// checkpoint (true when every WAL frame reached the database file), and { error: string } before exiting when the
// database is unusable.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { path } = workerData;
let db;
try {
  db = new Database(path, { fileMustExist: true });
  // Writers on the main thread never wait for us, but a checkpoint waits briefly for a writer it races.
  db.pragma('busy_timeout = 1000');
} catch (error) {
  parentPort.postMessage({ error: `cannot open ${path} for checkpoints: ${error.message}` });
  process.exit(1);
}

// PASSIVE copies what it can without blocking writers; the main connection's next commit then restarts the WAL
// from its beginning, so the file stays small.
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ complete: result.busy === 0 && result.log === result.checkpointed });
  } catch (error) {
    // SQLITE_BUSY (another checkpoint runs, or the database is closing) is retried on the next request.
    if (error.code !== 'SQLITE_BUSY') {
      parentPort.postMessage({ error: `WAL checkpoint failed: ${error.message}` });
      process.exit(1);
    }
    parentPort.postMessage({ complete: false });
  }
};

parentPort.on('message', (message) => {
  if (message === 'checkpoint') return checkpoint();
  if (message !== 'stop') return;
  checkpoint();
  db.close();
  // Ends the thread (exit code 0) once the messages posted above have gone out.
  parentPort.close();
});
