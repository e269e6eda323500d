// The export renderer's thread (see document-renderer.ts): renders a document's bytes in one export format, so
// Lexical and happy-dom work through a large document here and not on the event loop that relays keystrokes. The
// server bundle starts it as dist/server/render-worker.mjs; from source it starts through render-worker-from-source.mjs.
import { TandemError } from '../errors';
import { serveJobs } from '../workers/worker-protocol';
import type { RenderJob } from './document-renderer';
import { renderDocument, type RenderedDocument } from './render-document';

serveJobs<RenderJob, RenderedDocument>({
  handle: ({ state, format, title }) => renderDocument(state, format, title),
  // A document that is not one (a conversion error) stays a bad request across the thread; anything else is a bug.
  describe: (error) =>
    error instanceof TandemError
      ? { message: error.message, kind: error.code }
      : { message: error instanceof Error ? error.message : String(error) },
});
