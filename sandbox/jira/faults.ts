// Fault knobs for tests: 429 rate limiting, 5xx, added latency, duplicated, dropped and reordered event delivery.
// "next N" faults are exact; fractional faults draw from a seeded PRNG, so a seed replays the same run.
import { seededRandom } from '../seeded-random';

export interface FaultWindow {
  /** Fail exactly the next N matching requests (events). */
  next?: number;
  /** Fail each matching request (event) with this probability, 0..1, after `next` is used up. */
  fraction?: number;
  /** Only requests this returns true for are eligible (e.g. writes to one path). */
  when?: (req: { method: string; path: string }) => boolean;
}

export interface RateLimitFault extends FaultWindow {
  retryAfterSeconds?: number;
  /** RateLimit-Reason header: jira-burst-based, jira-quota-tenant-based, jira-per-issue-on-write, … */
  reason?: string;
}

export interface ServerErrorFault extends FaultWindow {
  status?: 500 | 502 | 503 | 504;
  /**
   * The request is carried out first, then answered with the error: a gateway that gave up on a
   * write that still reached Jira (a 5xx says nothing of whether the request was processed).
   */
  landed?: boolean;
}

export type RequestFault =
  | { kind: 'rate-limit'; retryAfterSeconds: number; reason: string }
  | { kind: 'server-error'; status: number; landed?: boolean };

class Window<T extends FaultWindow> {
  private remaining: number;
  constructor(readonly config: T) {
    this.remaining = config.next ?? 0;
  }
  hit(random: () => number, req?: { method: string; path: string }): boolean {
    if (req && this.config.when && !this.config.when(req)) return false;
    if (this.remaining > 0) {
      this.remaining--;
      return true;
    }
    return (this.config.fraction ?? 0) > 0 && random() < (this.config.fraction ?? 0);
  }
}

export class SiteFaults {
  private random: () => number;
  private rate?: Window<RateLimitFault>;
  private server?: Window<ServerErrorFault>;
  private duplicate?: Window<FaultWindow>;
  private drop?: { window: Window<FaultWindow>; when?: (e: { eventType: string }) => boolean };
  /** Added to every request before it is served, in milliseconds. */
  latencyMs = 0;
  /** Events held back and then delivered in reverse order, K at a time; 0 = off. */
  reorderWindow = 0;
  readonly counts = { rateLimited: 0, serverErrors: 0, duplicatedEvents: 0, droppedEvents: 0, reorderedBatches: 0 };

  constructor(seed = 1) {
    this.random = seededRandom(seed);
  }

  /** Restarts the PRNG: the same seed and the same traffic produce the same faults. */
  seed(seed: number): void {
    this.random = seededRandom(seed);
  }

  rateLimit(config: RateLimitFault): void {
    this.rate = new Window(config);
  }

  serverError(config: ServerErrorFault): void {
    this.server = new Window(config);
  }

  duplicateEvents(config: Omit<FaultWindow, 'when'>): void {
    this.duplicate = new Window(config);
  }

  /**
   * Events that never reach any subscriber, as Forge loses some (over 200 kB, see
   * sandbox/platform/README.md) or a crash loses the invocation that got one. `when` sees the event type.
   */
  dropEvents(config: Omit<FaultWindow, 'when'> & { when?: (e: { eventType: string }) => boolean }): void {
    const { when, ...rest } = config;
    this.drop = { window: new Window(rest), ...(when ? { when } : {}) };
  }

  reorderEvents(k: number): void {
    this.reorderWindow = Math.max(0, Math.floor(k));
  }

  reset(): void {
    this.rate = this.server = this.duplicate = this.drop = undefined;
    this.latencyMs = 0;
    this.reorderWindow = 0;
  }

  /** The fault to answer this request with, if any. Rate limiting is checked first, as Jira's edge does. */
  requestFault(req: { method: string; path: string }): RequestFault | undefined {
    if (this.rate?.hit(this.random, req)) {
      this.counts.rateLimited++;
      return {
        kind: 'rate-limit',
        retryAfterSeconds: this.rate.config.retryAfterSeconds ?? 1,
        reason: this.rate.config.reason ?? 'jira-burst-based',
      };
    }
    if (this.server?.hit(this.random, req)) {
      this.counts.serverErrors++;
      return { kind: 'server-error', status: this.server.config.status ?? 503, ...(this.server.config.landed ? { landed: true } : {}) };
    }
    return undefined;
  }

  shouldDrop(eventType: string): boolean {
    if (!this.drop || (this.drop.when && !this.drop.when({ eventType }))) return false;
    const hit = this.drop.window.hit(this.random);
    if (hit) this.counts.droppedEvents++;
    return hit;
  }

  shouldDuplicate(): boolean {
    const hit = this.duplicate?.hit(this.random) ?? false;
    if (hit) this.counts.duplicatedEvents++;
    return hit;
  }
}
