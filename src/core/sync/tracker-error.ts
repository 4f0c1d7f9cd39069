// How adapters tell the engine whether a tracker call may succeed later (rate limit, outage) or
// never will (the tracker rejected the value). Transient failures abort the apply so the partner
// retries the whole message; permanent ones become error records and the rest still applies.
export class TrackerError extends Error {
  override readonly name = 'TrackerError';
  constructor(
    message: string,
    readonly transient: boolean,
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isTransientTrackerError = (e: unknown): boolean => !(e instanceof TrackerError) || e.transient;
