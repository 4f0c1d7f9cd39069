// Liaison paces its own Jira calls so it rarely meets a 429, and honours the reason when it does
// (Atlassian, "Build an app that respects rate limits",
// https://developer.atlassian.com/cloud/jira/platform/build-an-app-that-respects-rate-limits/ :
// "Jira Cloud applies three independent limits at the same time. Each one has a different scope";
// numbers and headers in https://developer.atlassian.com/cloud/jira/platform/rate-limiting/ ).
// What each answer says is remembered per scope:
// - the hourly points quota (`RateLimit`/`Beta-RateLimit: "…";r=<left>;t=<seconds>`): once spent,
//   no call is sent until the hour ends; the caller gets a retryable 429 at once, so the work is
//   deferred (queued, re-checked later), never failed;
// - one endpoint and method (reason jira-burst-based, "slow down requests to that endpoint only"):
//   every answer says what is left of the endpoint's allowance (`X-RateLimit-Remaining`); calls
//   already in flight spend it too, so a call waits for the refill once what is left does not cover
//   them (a few applies at once must not overrun the buffer together);
// - one issue (reason jira-per-issue-on-write, "space out writes to that issue"): the docs publish
//   neither the allowance nor its refill, and no header tells what is left, so the pacer spaces
//   that issue's writes by the Retry-After it was given and halves the spacing with every write Jira
//   accepts: a burst on one issue is spread out, and the issue goes back to unpaced writes after a
//   few, instead of keeping the first Retry-After for ever.
// Short waits (a second or two) are waited inline; longer ones come back as the retryable 429.
import type { Route } from '@forge/api';
import type { HttpMethod, JiraHttp, JiraHttpResponse, JiraRequestBody } from './jira-http';

export type LimitScope = 'quota' | 'endpoint' | 'issue';

export const QUOTA_REASONS = new Set(['jira-quota-tenant-based', 'jira-quota-global-based']);
export const BURST_REASON = 'jira-burst-based';
export const ISSUE_REASON = 'jira-per-issue-on-write';

/** Waits up to this long inline; a Forge function has 25 s and other work to do. */
export const MAX_INLINE_WAIT_MS = 2_000;
/** Without a usable Retry-After: the per-second limits come back within a second. */
const DEFAULT_SHORT_WAIT_MS = 1_000;
/** Without a usable reset time, the quota is looked at again after this long. */
const DEFAULT_QUOTA_WAIT_MS = 60_000;
/** The endpoint limit is "per second": an allowance read as spent is looked at again a second later. */
const ENDPOINT_REFILL_MS = 1_000;
/** Below this, an issue's spacing is dropped: its writes go unpaced again. */
const MIN_ISSUE_SPACING_MS = 50;
/** Bounded: a long-running container writes to many issues. */
const MAX_TRACKED = 1_000;

type Clock = { now(): number; sleep(ms: number): Promise<void> };

const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/** One endpoint: the method and the path with ids, keys and the query left out. */
export function endpointOf(method: string, path: string): string {
  const bare = path.split('?')[0] ?? '';
  // The first segments are `/rest/api/3`: the version stays, ids and keys after it collapse.
  const shape = bare.split('/').map((s, i) => (i > 3 && (/^\d+$/.test(s) || /^[A-Z][A-Z0-9_]*-\d+$/.test(s)) ? '{id}' : s)).join('/');
  return `${method} ${shape}`;
}

/** The issue a write names in its path, if any. */
export function writeIssueOf(method: string, path: string): string | undefined {
  if (method === 'GET') return undefined;
  const ref = /^\/rest\/api\/[23]\/issue\/([^/?]+)/.exec(path)?.[1];
  return ref && ref !== 'bulkfetch' && ref !== 'bulk' ? decodeURIComponent(ref) : undefined;
}

/** `"tenant-app-quota";r=17842;t=2107` → points left and seconds until the quota resets. */
export function parseQuotaState(value: string | undefined): { remaining: number; resetSeconds: number } | undefined {
  if (!value) return undefined;
  const r = /;\s*r=(\d+)/.exec(value)?.[1];
  const t = /;\s*t=(\d+)/.exec(value)?.[1];
  return r === undefined || t === undefined ? undefined : { remaining: Number(r), resetSeconds: Number(t) };
}

function retryAfterMs(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) * 1000 : undefined;
}

export class JiraRatePacer {
  private quotaUntil = 0;
  private readonly endpointUntil = new Map<string, number>();
  private readonly issueUntil = new Map<string, number>();
  /** Issues Jira refused a write for: the gap kept before their next write, halved by each accepted one. */
  private readonly issueSpacing = new Map<string, number>();
  /** Per endpoint: what the last answer said was left, less the calls sent since or still in flight then. */
  private readonly endpointLeft = new Map<string, { left: number; at: number }>();
  private readonly inFlight = new Map<string, number>();
  /** Endpoints whose answers say nothing of an allowance (a user's call, limits off): never probed. */
  private readonly unmetered = new Set<string>();
  /** A call sent while nothing fresh is known of its endpoint's allowance; the others wait for its answer. */
  private readonly probes = new Map<string, Promise<void>>();
  /** What the pacer did, for logs and tests. */
  readonly counts = { heldForQuota: 0, waitedInline: 0, retriedAfter429: 0, met429: { quota: 0, endpoint: 0, issue: 0 } };

  constructor(private readonly clock: Clock = realClock) {}

  private lastSeen = 0;
  /**
   * Set when a wait passed without the clock moving (a sandbox's manual clock): waiting again would
   * only burn the function's time, so later waits go back to the caller as the retryable 429.
   */
  private waitsStandStill = false;

  /**
   * Time only moves forward on a real site; a clock seen going back (a sandbox starting a new world
   * in the same process) makes everything learnt before meaningless, so it is forgotten.
   */
  private tick(): number {
    const now = this.clock.now();
    if (now < this.lastSeen) {
      this.waitsStandStill = false;
      this.quotaUntil = 0;
      this.endpointUntil.clear();
      this.issueUntil.clear();
      this.issueSpacing.clear();
      this.endpointLeft.clear();
      this.unmetered.clear();
    }
    this.lastSeen = now;
    return now;
  }

  /** How long this call must wait, and for which scope; 0 when it may go now. */
  private waitFor(endpoint: string, issue: string | undefined): { ms: number; scope: LimitScope } {
    const now = this.tick();
    if (this.quotaUntil > now) return { ms: this.quotaUntil - now, scope: 'quota' };
    let e = (this.endpointUntil.get(endpoint) ?? 0) - now;
    const known = this.endpointLeft.get(endpoint);
    if (known && known.at + ENDPOINT_REFILL_MS <= now) this.endpointLeft.delete(endpoint);
    else if (known && known.left <= 0) e = Math.max(e, known.at + ENDPOINT_REFILL_MS - now);
    const i = issue === undefined ? 0 : (this.issueUntil.get(issue) ?? 0) - now;
    return e >= i ? { ms: Math.max(0, e), scope: 'endpoint' } : { ms: i, scope: 'issue' };
  }

  /** Remembers what an answer says about the limits. */
  private learn(endpoint: string, issue: string | undefined, res: JiraHttpResponse): void {
    const now = this.tick();
    const quota = parseQuotaState(res.headers['ratelimit'] ?? res.headers['beta-ratelimit']);
    if (quota && quota.remaining <= 0) this.quotaUntil = Math.max(this.quotaUntil, now + quota.resetSeconds * 1000);
    if (res.status !== 429) {
      // What is left of the endpoint's allowance, less what the calls still in flight will spend.
      const remaining = res.headers['x-ratelimit-remaining'];
      if (remaining !== undefined && /^\d+$/.test(remaining)) {
        if (this.endpointLeft.size > MAX_TRACKED) this.endpointLeft.clear();
        this.endpointLeft.set(endpoint, { left: Number(remaining) - (this.inFlight.get(endpoint) ?? 0), at: now });
      }
      if (issue !== undefined) this.spaceAfterAcceptedWrite(issue, now);
      return;
    }
    const reason = res.headers['ratelimit-reason'] ?? res.headers['x-beta-ratelimit-reason'] ?? BURST_REASON;
    const after = retryAfterMs(res.headers['retry-after']);
    if (QUOTA_REASONS.has(reason)) {
      this.counts.met429.quota++;
      this.quotaUntil = Math.max(this.quotaUntil, now + (after ?? (quota ? quota.resetSeconds * 1000 : DEFAULT_QUOTA_WAIT_MS)));
    } else if (reason === ISSUE_REASON && issue !== undefined) {
      this.counts.met429.issue++;
      // The wait Jira named is the most a write to this issue needs to wait for one write's allowance.
      const wait = Math.min(after ?? DEFAULT_SHORT_WAIT_MS, MAX_INLINE_WAIT_MS);
      this.issueUntil.set(issue, now + (after ?? DEFAULT_SHORT_WAIT_MS));
      if (this.issueSpacing.size > MAX_TRACKED) this.issueSpacing.clear();
      this.issueSpacing.set(issue, wait);
    } else {
      this.counts.met429.endpoint++;
      this.endpointUntil.set(endpoint, now + (after ?? DEFAULT_SHORT_WAIT_MS));
    }
  }

  /**
   * Jira accepted a write to an issue it refused one for earlier: the next write keeps the current
   * spacing, which is then halved, so the pacing fades after a few writes unless Jira refuses again.
   */
  private spaceAfterAcceptedWrite(issue: string, now: number): void {
    const spacing = this.issueSpacing.get(issue);
    if (spacing === undefined) return;
    this.issueUntil.set(issue, now + spacing);
    if (spacing / 2 < MIN_ISSUE_SPACING_MS) this.issueSpacing.delete(issue);
    else this.issueSpacing.set(issue, spacing / 2);
  }

  /** The spacing an issue's writes are kept at now (0 when unpaced), for tests and logs. */
  issueSpacingMs(issue: string): number {
    return this.issueSpacing.get(issue) ?? 0;
  }

  /** The answer Liaison gives itself instead of calling Jira while the hourly quota is spent. */
  private heldBack(ms: number): JiraHttpResponse {
    this.counts.heldForQuota++;
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    return {
      status: 429,
      headers: { 'retry-after': String(seconds), 'ratelimit-reason': 'jira-quota-tenant-based', 'x-liaison-held': 'true' },
      text: JSON.stringify({ errorMessages: [`Liaison holds its Jira calls for ${seconds} s: the app's hourly points quota on this site is spent.`], errors: {} }),
    };
  }

  async send(http: JiraHttp, method: HttpMethod, path: Route, body?: JiraRequestBody): Promise<JiraHttpResponse> {
    const endpoint = endpointOf(method, path.value);
    const issue = writeIssueOf(method, path.value);
    for (let attempt = 0; ; attempt++) {
      const admitted = await this.admit(endpoint, issue);
      if ('held' in admitted) return admitted.held;
      let res: JiraHttpResponse | undefined;
      try {
        res = await this.sendCounted(http, endpoint, method, path, body);
        this.learn(endpoint, issue, res);
      } finally {
        // A probe's answer is learnt: the calls waiting for it go on from what it said.
        if (admitted.probe) {
          if (res && res.status !== 429 && !this.endpointLeft.has(endpoint)) {
            if (this.unmetered.size > MAX_TRACKED) this.unmetered.clear();
            this.unmetered.add(endpoint);
          }
          this.probes.delete(endpoint);
          admitted.probe();
        }
      }
      // A per-second or per-issue refusal is worth one more try after the short wait it names.
      if (res.status !== 429 || attempt > 0 || this.waitFor(endpoint, issue).scope === 'quota') return res;
      if (this.waitFor(endpoint, issue).ms > MAX_INLINE_WAIT_MS) return res;
      this.counts.retriedAfter429++;
    }
  }

  /**
   * Waits until a call may go (or says why it is held back). While nothing fresh is known of an
   * endpoint's allowance (the first call, or a second after the last answer), one call goes alone
   * (a probe) and the others wait for its answer, which says what is left: Atlassian publishes
   * neither the buffer nor the refill rate, and calls sent together on a guess overrun it together.
   */
  private async admit(endpoint: string, issue: string | undefined): Promise<{ held: JiraHttpResponse } | { probe?: () => void }> {
    for (;;) {
      const probe = this.probes.get(endpoint);
      if (probe) {
        await probe;
        continue;
      }
      const wait = this.waitFor(endpoint, issue);
      if (wait.ms <= 0) {
        // Counted here, in the same turn as the check, so callers let go together cannot all take the last of it.
        this.reserve(endpoint);
        if (this.endpointLeft.has(endpoint) || this.unmetered.has(endpoint)) return {};
        let done!: () => void;
        this.probes.set(endpoint, new Promise<void>((r) => (done = r)));
        return { probe: done };
      }
      if (wait.scope === 'quota') return { held: this.heldBack(wait.ms) };
      if (wait.ms > MAX_INLINE_WAIT_MS || this.waitsStandStill) return { held: this.heldBackShort(wait.ms, wait.scope) };
      this.counts.waitedInline++;
      const before = this.clock.now();
      await this.clock.sleep(wait.ms);
      if (this.clock.now() - before < wait.ms / 2) this.waitsStandStill = true;
    }
  }

  /** A call about to go: it spends one of what is left, and counts as in flight until answered. */
  private reserve(endpoint: string): void {
    const known = this.endpointLeft.get(endpoint);
    if (known) known.left--;
    this.inFlight.set(endpoint, (this.inFlight.get(endpoint) ?? 0) + 1);
  }

  /** Sends one admitted call (reserved by admit); it stops counting as in flight once answered. */
  private async sendCounted(http: JiraHttp, endpoint: string, method: HttpMethod, path: Route, body?: JiraRequestBody): Promise<JiraHttpResponse> {
    try {
      return await http.request(method, path, body);
    } finally {
      const n = (this.inFlight.get(endpoint) ?? 1) - 1;
      if (n > 0) this.inFlight.set(endpoint, n);
      else this.inFlight.delete(endpoint);
    }
  }

  /** An endpoint or issue held for longer than is worth waiting inline: retryable, with the wait. */
  private heldBackShort(ms: number, scope: LimitScope): JiraHttpResponse {
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    const reason = scope === 'issue' ? ISSUE_REASON : BURST_REASON;
    return {
      status: 429,
      headers: { 'retry-after': String(seconds), 'ratelimit-reason': reason, 'x-liaison-held': 'true' },
      text: JSON.stringify({ errorMessages: [`Liaison holds this Jira call for ${seconds} s (${reason}).`], errors: {} }),
    };
  }
}

/** JiraHttp that goes through a pacer (shared by every client of one Forge runtime). */
export function pacedJiraHttp(http: JiraHttp, pacer: JiraRatePacer): JiraHttp {
  return { request: (method, path, body) => pacer.send(http, method, path, body) };
}
