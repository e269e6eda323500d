// One conversion job, as the conversion thread runs it (conversion-worker.ts) and as the event loop runs it when the
// thread cannot (document-converter.ts). The conversions load on first use: Lexical is memory a server whose thread
// does the work never holds on its event loop.
import type { ExportFormat, ImportFormat } from './document-format';
import type { RenderedDocument, TitleRule } from './render-document';

/** Bytes in, plain data out, so a job and its result cross to a thread and back. */
export type ConversionJob =
  /** A document's state (one Yjs update) in an export format that needs rendering. */
  | { kind: 'render'; state: Uint8Array; format: Exclude<ExportFormat, 'yjs'>; title: TitleRule }
  /** An uploaded body as new content: see importContent. */
  | { kind: 'content'; format: ImportFormat; body: Uint8Array }
  /** A stored version's state as new content, for a restore: see versionContent. */
  | { kind: 'version'; state: Uint8Array }
  /** A replaced state with the edits that crossed the replacement: see stateWithCrossingEdits. */
  | { kind: 'crossing'; replaced: Uint8Array; edits: Uint8Array[] };

/** A rendering, new content in pieces (importContent), or a crossing-edits state (null: none integrated). */
export type ConversionResult = RenderedDocument | Uint8Array[] | Uint8Array | null;

export async function runConversion(job: ConversionJob): Promise<ConversionResult> {
  if (job.kind === 'render') {
    const { renderDocument } = await import('./render-document');
    return renderDocument(job.state, job.format, job.title);
  }
  if (job.kind === 'crossing') {
    const { stateWithCrossingEdits } = await import('./crossing-edits-state');
    return stateWithCrossingEdits(job.replaced, job.edits);
  }
  const { importContent, versionContent } = await import('./import-content');
  return job.kind === 'content' ? importContent(job.format, job.body) : versionContent(job.state);
}
