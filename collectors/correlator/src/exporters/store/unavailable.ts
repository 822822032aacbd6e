/**
 * A write the store cannot commit now but may later: the database is unreachable or restarting, the disk is
 * full, the server is out of connections. The service's store writer keeps such writes queued and retries them
 * in order, ingest answers 503 with Retry-After meanwhile, and `/readyz` names the reason. Any other error from
 * a store is about the write itself (a bug, bad data) and is counted and logged, never retried.
 */
export class StoreUnavailableError extends Error {
  constructor(
    /** One sentence for `/readyz` and the log; never carries credentials. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the incident store cannot commit: ${reason}`, options);
    this.name = 'StoreUnavailableError';
  }
}
