/** An error that maps straight to a JSON `{error, message}` response. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    /** Stable machine-readable reason, also the key of the rejection counters. */
    readonly code: string,
    message: string,
    /** Response headers that go with it (Retry-After…). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
