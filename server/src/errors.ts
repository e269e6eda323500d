// Typed errors raised inside the server. Only the edges map them: HTTP (app.onError → JSON body) and the socket
// (close codes). Keep the cause when wrapping.
export type ErrorCode = 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'too_large' | 'unavailable' | 'internal';

const httpStatus: Record<ErrorCode, 400 | 401 | 403 | 404 | 413 | 503 | 500> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  unavailable: 503,
  internal: 500,
};

export class TandemError extends Error {
  override name = 'TandemError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get status(): number {
    return httpStatus[this.code];
  }
}

export const badRequest = (message: string, cause?: unknown) => new TandemError('bad_request', message, { cause });
export const notFound = (message: string) => new TandemError('not_found', message);
export const unauthorized = (message: string) => new TandemError('unauthorized', message);
export const forbidden = (message: string) => new TandemError('forbidden', message);
