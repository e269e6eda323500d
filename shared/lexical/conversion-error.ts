// The one failure of the conversion layer: input that is not a document (bad JSON, not a Lexical editor state,
// unreadable Yjs bytes). Callers map it to HTTP 400; anything else thrown from here is a bug, not bad input.
export class ConversionError extends Error {
  override readonly name = 'ConversionError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
