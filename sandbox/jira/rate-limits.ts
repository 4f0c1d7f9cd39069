// Jira Cloud's three independent rate limits for apps (see sandbox/platform/README.md, "Jira Cloud
// rate limits"): a points-based hourly quota per app and tenant, a per-second limit per endpoint and
// HTTP method with a burst buffer, and a per-issue write limit. Each is answered with 429, a
// RateLimit-Reason and the retry headers. Keyed by the calling app's account and this site (the
// tenant), never by anything Liaison-specific. On by default; a test may lower or raise one only for
// a reason it states.

export type RateLimitReason = 'jira-quota-tenant-based' | 'jira-burst-based' | 'jira-per-issue-on-write';

export interface RateLimitConfig {
  /** Points an app may spend on this tenant per clock hour. Docs leave the number open: 65,000. */
  quotaPointsPerHour: number;
  /** Requests per second per endpoint and method, refilled continuously (the steady-state rate). */
  burstPerSecond: number;
  /** The burst buffer: requests an endpoint accepts at once before the steady rate applies. */
  burstCapacity: number;
  /** Writes one issue accepts at once, and how fast that allowance comes back (per second). */
  issueWriteCapacity: number;
  issueWritesPerSecond: number;
  /** Off only for a test that states why (e.g. one measuring points without pacing). */
  enabled: boolean;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  quotaPointsPerHour: 65_000,
  burstPerSecond: 100,
  burstCapacity: 350,
  issueWriteCapacity: 20,
  issueWritesPerSecond: 2,
  enabled: true,
};

/** Below this share of the hourly quota left, answers carry X-RateLimit-NearLimit: true. */
const NEAR_LIMIT_SHARE = 0.2;
const HOUR_MS = 3_600_000;

/** A token bucket: `capacity` at once, `perSecond` back each second. */
class Bucket {
  private tokens: number;
  private at: number;
  constructor(private readonly capacity: number, private readonly perSecond: number, now: number) {
    this.tokens = capacity;
    this.at = now;
  }
  private refill(now: number): void {
    if (now > this.at) this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = Math.max(this.at, now);
  }
  /** Takes one token, or says in how many ms one is back. */
  take(now: number): { ok: true; left: number } | { ok: false; waitMs: number } {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true, left: Math.floor(this.tokens) };
    }
    return { ok: false, waitMs: Math.ceil(((1 - this.tokens) / this.perSecond) * 1000) };
  }
}

export interface LimitCall {
  /** The calling account; only app accounts meet the quota and the per-issue write limit. */
  accountId: string;
  isApp: boolean;
  method: string;
  /** The route pattern served (e.g. `/rest/api/3/issue/{issueIdOrKey}`): one endpoint. */
  endpoint: string;
  /** The issue a write targets, when the path names one. */
  writeIssueId?: string;
}

export type Admission =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; reason: RateLimitReason; retryAfterSeconds: number; headers: Record<string, string> };

export interface RateLimitStats {
  /** Points charged per app account in the current hour. */
  pointsByApp: Record<string, number>;
  /** Every point ever charged per app account (for benches: points per change). */
  totalPointsByApp: Record<string, number>;
  refusals: Record<RateLimitReason, number>;
}

export class JiraRateLimits {
  config: RateLimitConfig;
  private readonly buckets = new Map<string, Bucket>();
  private readonly quota = new Map<string, { hour: number; used: number }>();
  readonly stats: RateLimitStats = {
    pointsByApp: {},
    totalPointsByApp: {},
    refusals: { 'jira-quota-tenant-based': 0, 'jira-burst-based': 0, 'jira-per-issue-on-write': 0 },
  };

  constructor(config: Partial<RateLimitConfig> = {}, private readonly now: () => number) {
    this.config = { ...DEFAULT_RATE_LIMITS, ...config };
  }

  /** Changes limits from here on (a test states why); buckets start full again. */
  configure(config: Partial<RateLimitConfig>): void {
    this.config = { ...this.config, ...config };
    this.buckets.clear();
  }

  /** Points left for an app this hour, and when the hour ends. */
  quotaLeft(accountId: string): { remaining: number; resetAt: number } {
    const now = this.now();
    const hour = Math.floor(now / HOUR_MS);
    const q = this.quota.get(accountId);
    const used = q && q.hour === hour ? q.used : 0;
    return { remaining: Math.max(0, this.config.quotaPointsPerHour - used), resetAt: (hour + 1) * HOUR_MS };
  }

  private bucket(key: string, capacity: number, perSecond: number, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = new Bucket(capacity, perSecond, now)));
    return b;
  }

  private quotaHeaders(accountId: string, now: number): Record<string, string> {
    const { remaining, resetAt } = this.quotaLeft(accountId);
    const q = this.config.quotaPointsPerHour;
    const t = Math.max(0, Math.ceil((resetAt - now) / 1000));
    const policy = `"tenant-app-quota";q=${q};w=3600`;
    const state = `"tenant-app-quota";r=${remaining};t=${t}`;
    return {
      'ratelimit-policy': policy,
      ratelimit: state,
      'beta-ratelimit-policy': policy,
      'beta-ratelimit': state,
      ...(remaining < q * NEAR_LIMIT_SHARE ? { 'x-ratelimit-nearlimit': 'true' } : {}),
    };
  }

  private refuse(reason: RateLimitReason, waitMs: number, base: Record<string, string>, now: number): Admission {
    this.stats.refusals[reason]++;
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return {
      ok: false,
      reason,
      retryAfterSeconds: seconds,
      headers: {
        ...base,
        'retry-after': String(seconds),
        'ratelimit-reason': reason,
        'x-ratelimit-reset': new Date(now + seconds * 1000).toISOString().slice(0, 16) + 'Z',
      },
    };
  }

  /** Checks the three limits before a request is served. Quota first, then the endpoint, then the issue. */
  admit(call: LimitCall): Admission {
    if (!this.config.enabled) return { ok: true, headers: {} };
    const now = this.now();
    const base = call.isApp ? this.quotaHeaders(call.accountId, now) : {};
    if (call.isApp) {
      const { remaining, resetAt } = this.quotaLeft(call.accountId);
      if (remaining <= 0) return this.refuse('jira-quota-tenant-based', resetAt - now, { ...base, 'x-ratelimit-remaining': '0' }, now);
    }
    const { burstCapacity, burstPerSecond } = this.config;
    const burst = this.bucket(`burst ${call.accountId} ${call.method} ${call.endpoint}`, burstCapacity, burstPerSecond, now).take(now);
    const burstHeaders = { 'x-ratelimit-limit': String(burstCapacity) };
    if (!burst.ok) return this.refuse('jira-burst-based', burst.waitMs, { ...base, ...burstHeaders, 'x-ratelimit-remaining': '0' }, now);
    const headers = { ...base, ...burstHeaders, 'x-ratelimit-remaining': String(burst.left) };
    if (call.isApp && call.writeIssueId !== undefined) {
      const { issueWriteCapacity, issueWritesPerSecond } = this.config;
      const issue = this.bucket(`issue ${call.writeIssueId}`, issueWriteCapacity, issueWritesPerSecond, now).take(now);
      if (!issue.ok) return this.refuse('jira-per-issue-on-write', issue.waitMs, headers, now);
    }
    return { ok: true, headers };
  }

  /** Charges a served app request and returns the quota headers as they stand after it. */
  charge(accountId: string, points: number): Record<string, string> {
    // Counted even with the limits off, so a bench can still read what a change costs.
    const now = this.now();
    const hour = Math.floor(now / HOUR_MS);
    const q = this.quota.get(accountId);
    const used = (q && q.hour === hour ? q.used : 0) + points;
    this.quota.set(accountId, { hour, used });
    this.stats.pointsByApp[accountId] = used;
    this.stats.totalPointsByApp[accountId] = (this.stats.totalPointsByApp[accountId] ?? 0) + points;
    return this.config.enabled ? this.quotaHeaders(accountId, now) : {};
  }
}
