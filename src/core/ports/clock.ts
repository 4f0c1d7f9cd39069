// Time and ids come in through ports so tests (and the convergence model) are deterministic.
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface IdSource {
  /** A new globally unique id (message ids, outbox entry ids). */
  newId(): string;
}
