// Runs the heavy document conversions on a worker thread: rendering exports (of live documents and of versions),
// writing the new content of an import or a restore, and applying the edits that cross one to the content it
// replaced. For 10,000 paragraphs these took the event loop 200 to 400 ms (a Markdown export), over two seconds (an
// import) and 0.75 s (the crossing edits), and every keystroke on the server waited meanwhile. Now the
// loop hands over bytes and gets bytes back; what stays on it is encoding a document's state (see
// Room.encodedState) and putting new content in place (replaceRootWith). The thread comes and goes with the work (see
// OnDemandWorker); should it fail, conversions run on the event loop, as before.
import { badRequest, TandemError } from '../errors';
import { OnDemandWorker } from '../workers/on-demand-worker';
import type { WorkerError } from '../workers/worker-protocol';
import { formatContentType, type ExportFormat, type ImportFormat } from './document-format';
import type { RenderedDocument, TitleRule } from './render-document';
import { runConversion, type ConversionJob, type ConversionResult } from './run-conversion';

export interface DocumentConverterOptions {
  /** The thread exits after this long without work (default 30 s). */
  retireAfterMs?: number;
  /** The worker script (tests point it elsewhere). */
  workerUrl?: URL;
  /** Told once when conversions fall back to the event loop. */
  onFallback?(reason: string): void;
}

/**
 * The thread's script: the bundle's own entry next to it, or, when this runs from TypeScript source (tests, the admin
 * CLI under tsx), a starter that loads the TypeScript entry.
 */
const defaultWorkerUrl = new URL(
  import.meta.url.endsWith('.ts') ? './conversion-worker-from-source.mjs' : './conversion-worker.mjs',
  import.meta.url,
);

export class DocumentConverter {
  private readonly worker: OnDemandWorker<ConversionJob, ConversionResult>;

  constructor(options: DocumentConverterOptions = {}) {
    this.worker = new OnDemandWorker({
      name: 'conversion',
      url: options.workerUrl ?? defaultWorkerUrl,
      runOnLoop: runConversion,
      toError: rebuildError,
      // Building a large document's editor allocates far more than a keystroke; the server's 1 MB young generation
      // (npm start) would promote most of it.
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
  async render(state: Uint8Array, format: ExportFormat, title: TitleRule): Promise<RenderedDocument> {
    if (format === 'yjs') return { body: state, contentType: formatContentType.yjs };
    return (await this.worker.run({ kind: 'render', state: ownCopy(state), format, title })) as RenderedDocument;
  }

  /**
   * `body` in `format` as new content, in pieces for DocumentService.replaceContent; throws bad_request when it is not
   * a document.
   */
  async content(format: ImportFormat, body: Uint8Array): Promise<Uint8Array[]> {
    return (await this.worker.run({ kind: 'content', format, body: ownCopy(body) })) as Uint8Array[];
  }

  /** A stored version's state as new content for a restore, as `content`; throws bad_request when it is not a document. */
  async versionContent(state: Uint8Array): Promise<Uint8Array[]> {
    return (await this.worker.run({ kind: 'version', state: ownCopy(state) })) as Uint8Array[];
  }

  /**
   * `replaced` with the edits that reached the room after a replacement applied to it, or null when none integrated
   * there (see edits-crossing-replacement.ts).
   */
  async crossingEdits(replaced: Uint8Array, edits: Uint8Array[]): Promise<Uint8Array | null> {
    return (await this.worker.run({ kind: 'crossing', replaced: ownCopy(replaced), edits })) as Uint8Array | null;
  }

  /** Ends the thread. Conversions still running fail as unavailable: the server is shutting down. */
  close(): Promise<void> {
    return this.worker.close({ pending: () => new TandemError('unavailable', 'the server is shutting down') });
  }
}

/**
 * Copied into a buffer of its own: bytes may be a view into a larger buffer (a room's cached reply, a row read from
 * storage, a request body), which posting would copy whole.
 */
function ownCopy(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** The thread's error as the caller would have got it on the loop: a document that is not one stays a bad request. */
function rebuildError(error: WorkerError): Error {
  if (error.kind === 'bad_request') return badRequest(error.message);
  return new Error(`converting the document failed: ${error.message}`);
}
