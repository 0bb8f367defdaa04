// An error with the HTTP status and the message the client reads.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The request field at fault (`body.devices`, `query.limit`), for 400s. */
    readonly field?: string,
    /** Seconds to wait, for 429s. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
