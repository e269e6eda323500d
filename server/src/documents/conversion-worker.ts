// The conversion thread (see document-converter.ts): renders exports and writes imported content, so Lexical and
// happy-dom work through a large document here and not on the event loop that relays keystrokes. The server bundle
// starts it as dist/server/conversion-worker.mjs; from source it starts through conversion-worker-from-source.mjs.
import { TandemError } from '../errors';
import { serveJobs } from '../workers/worker-protocol';
import { runConversion, type ConversionJob, type ConversionResult } from './run-conversion';

serveJobs<ConversionJob, ConversionResult>({
  handle: runConversion,
  // A body or state that is not a document (a bad request) stays one across the thread; anything else is a bug.
  describe: (error) =>
    error instanceof TandemError
      ? { message: error.message, kind: error.code }
      : { message: error instanceof Error ? error.message : String(error) },
  // New content goes back without a copy; its buffers are the thread's own.
  transferOf: (result) => {
    const bytes = Array.isArray(result) ? result : result instanceof Uint8Array ? [result] : [];
    return Array.from(new Set(bytes.map((piece) => piece.buffer as ArrayBuffer)));
  },
});
