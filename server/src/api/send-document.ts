// Answers with an exported document: its content type, and with `?download=1` a Content-Disposition that names
// the file after the document and the format.
import type { Context } from 'hono';
import { formatExtension, type ExportFormat } from '../documents/document-format';
import type { RenderedDocument } from '../documents/render-document';

export function sendDocument(c: Context, rendered: RenderedDocument, format: ExportFormat, baseName: string): Response {
  c.header('Content-Type', rendered.contentType);
  c.header('Cache-Control', 'no-store');
  if (c.req.query('download') === '1') {
    // Doc names are already filename-safe; version ids are made so.
    const filename = `${baseName.replace(/[^A-Za-z0-9._-]/g, '_')}.${formatExtension[format]}`;
    c.header('Content-Disposition', `attachment; filename="${filename}"`);
  }
  // Yjs and the stores hand out views of plain ArrayBuffers (never shared memory), which is what a body may be.
  return c.body(typeof rendered.body === 'string' ? rendered.body : (rendered.body as Uint8Array<ArrayBuffer>));
}
