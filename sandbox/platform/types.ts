// Shapes shared by the offline Forge runtime and the emulators plugged into it.

/** A request the platform hands to a product backend (a Jira site emulator) or an egress host. */
export interface HostRequest {
  method: string;
  /** Path plus query string, e.g. `/rest/api/3/issue/10001?fields=summary`. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /**
   * The headers as the caller spelled them, in order (`X-Liaison-Signature`, not the lower-cased
   * key of `headers`), when the caller's spelling is known: a loopback HTTP request, or an
   * in-process caller that passes a plain header object. Web triggers hand these to the app.
   */
  rawHeaders?: Array<[string, string]>;
  /** The body as UTF-8 text, for hosts that read text (JSON, form posts). */
  body?: string;
  /** The body's exact bytes, set by the platform whenever there is a body; binary uploads need these. */
  bytes?: Uint8Array;
}

export interface HostResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The exact body bytes; when present they are sent instead of `body` (binary downloads). */
  bytes?: Uint8Array;
}

/** Anything that answers HTTP-like requests in-process. */
export interface HostHandler {
  request(req: HostRequest): Promise<HostResponse>;
}

/** The product an installation lives in (Jira). `actor` is who the call is made as. */
export interface ProductBackend {
  request(req: HostRequest & { actor: { accountId: string } }): Promise<HostResponse>;
}

/** Module types whose functions the platform invokes. */
export type InvocationKind = 'resolver' | 'trigger' | 'webtrigger' | 'consumer' | 'scheduledTrigger';

export type InvocationOutcome = 'ok' | 'failed' | 'timeout';

/** The first argument of fetch (a URL string, URL or Request). */
export type FetchInput = Parameters<typeof fetch>[0];
