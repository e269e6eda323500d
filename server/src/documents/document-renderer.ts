// Renders exports (of live documents and of versions) on a worker thread. Rendering 10,000 paragraphs took the event
// loop 200 to 400 ms (Markdown) and more for HTML, and every keystroke on the server waited meanwhile; now the thread
// decodes and renders, and the loop at most encodes the document's state (see Room.encodedState). The thread comes
// and goes with the exports (see OnDemandWorker); should it fail, exports render on the event loop, as before.
import { badRequest } from '../errors';
import { OnDemandWorker } from '../workers/on-demand-worker';
import type { WorkerError } from '../workers/worker-protocol';
import { formatContentType, type ExportFormat } from './document-format';
import type { RenderedDocument, TitleRule } from './render-document';

/** One export for the thread: the document as one Yjs update, and a format that needs rendering. */
export interface RenderJob {
  state: Uint8Array;
  format: Exclude<ExportFormat, 'yjs'>;
  title: TitleRule;
}

export interface DocumentRendererOptions {
  /** The thread exits after this long without an export (default 30 s). */
  retireAfterMs?: number;
  /** The worker script (tests point it elsewhere). */
  workerUrl?: URL;
  /** Told once when exports fall back to the event loop. */
  onFallback?(reason: string): void;
}

/**
 * The thread's script: the bundle's own entry next to it, or, when this runs from TypeScript source (tests, the admin
 * CLI under tsx), a starter that loads the TypeScript entry.
 */
const defaultWorkerUrl = new URL(
  import.meta.url.endsWith('.ts') ? './render-worker-from-source.mjs' : './render-worker.mjs',
  import.meta.url,
);

export class DocumentRenderer {
  private readonly worker: OnDemandWorker<RenderJob, RenderedDocument>;

  constructor(options: DocumentRendererOptions = {}) {
    this.worker = new OnDemandWorker({
      name: 'render',
      url: options.workerUrl ?? defaultWorkerUrl,
      runOnLoop: renderOnLoop,
      toError: rebuildError,
      resourceLimits: { maxYoungGenerationSizeMb: 48 },
      retireAfterMs: options.retireAfterMs,
      onFallback: options.onFallback,
    });
  }

  /** True while the worker thread runs (tests). */
  get hasWorker(): boolean {
    return this.worker.hasWorker;
  }

  /**
   * A document's `state` (one Yjs update) in `format`; throws bad_request when it does not hold a document the format
   * can express.
   */
  render(state: Uint8Array, format: ExportFormat, title: TitleRule): Promise<RenderedDocument> {
    if (format === 'yjs') return Promise.resolve({ body: state, contentType: formatContentType.yjs });
    // Copied into a buffer of its own: the state may be a view into a larger buffer (a room's cached reply, a row
    // read from storage), which posting would copy whole.
    return this.worker.run({ state: new Uint8Array(state), format, title });
  }

  /** Ends the thread; exports still rendering finish on the event loop. */
  close(): Promise<void> {
    return this.worker.close();
  }
}

async function renderOnLoop({ state, format, title }: RenderJob): Promise<RenderedDocument> {
  // Loaded on first use: Lexical and its nodes are memory a server that never exports on the loop does not need.
  const { renderDocument } = await import('./render-document');
  return renderDocument(state, format, title);
}

/** The thread's error as the caller would have got it on the loop: a document that is not one stays a bad request. */
function rebuildError(error: WorkerError): Error {
  if (error.kind === 'bad_request') return badRequest(error.message);
  return new Error(`rendering the export failed: ${error.message}`);
}
