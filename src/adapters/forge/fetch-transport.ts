// Transport on @forge/api `fetch` (egress through Forge's proxy): POST the signed message to the
// partner's web trigger and describe the outcome as a TransportResult. Retrying is the core's job;
// this only classifies faithfully: network failure, timeout, or the HTTP status with Retry-After.
import { fetch } from '@forge/api';
import type { Clock } from '../../core/ports/clock';
import type { Transport, TransportResult } from '../../core/ports/transport';
import { ForgeAdapterError } from './kvs-support';
import { parseRetryAfter } from '../http/retry-after';

export type FetchTransportOptions = {
  clock: Clock;
  /** Give up on one attempt after this long (default 20 s, well inside a 55 s consumer). */
  timeoutMs?: number;
  /** How much of an error response body to keep for the error list (default 2000 characters). */
  maxErrorBodyChars?: number;
};

class TimeoutSignal extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number, controller: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TimeoutSignal(`no answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function describeFailure(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const cause = err?.cause;
  if (cause?.code) return `${cause.code}: ${cause.message ?? err.message}`;
  return err?.message ?? String(e);
}

export class FetchTransport implements Transport {
  private readonly timeoutMs: number;
  private readonly maxBody: number;

  constructor(private readonly options: FetchTransportOptions) {
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.maxBody = options.maxErrorBodyChars ?? 2000;
    if (!(this.timeoutMs > 0)) throw new ForgeAdapterError(`timeoutMs must be positive, got ${options.timeoutMs}`);
  }

  async send(endpoint: string, body: string): Promise<TransportResult> {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new ForgeAdapterError(`partner endpoint ${JSON.stringify(endpoint)} is not a URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ForgeAdapterError(`partner endpoint ${endpoint} is not http(s)`);
    if (typeof body !== 'string') throw new ForgeAdapterError('the message body must be a string (the signed envelope)');

    const controller = new AbortController();
    try {
      const attempt = (async () => {
        const res = await fetch(url.href, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body,
          signal: controller.signal,
        });
        return { res, text: await res.text() };
      })();
      const { res, text } = await withTimeout(attempt, this.timeoutMs, controller);
      const proxyError = res.headers.get('forge-proxy-error');
      if (proxyError) {
        // Forge's egress proxy refused the call (e.g. host missing from the manifest): permanent.
        return { ok: false, error: { kind: 'http', status: res.status, body: `Forge egress proxy refused the request: ${proxyError}` } };
      }
      if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status, body: text };
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), this.options.clock.now());
      return {
        ok: false,
        error: { kind: 'http', status: res.status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), ...(text ? { body: text.slice(0, this.maxBody) } : {}) },
      };
    } catch (e) {
      if (e instanceof TimeoutSignal) return { ok: false, error: { kind: 'timeout', message: `${url.host}: ${e.message}` } };
      return { ok: false, error: { kind: 'network', message: `${url.host}: ${describeFailure(e)}` } };
    }
  }
}
