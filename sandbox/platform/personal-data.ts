// Atlassian's personal data reporting API (POST https://api.atlassian.com/app/report-accounts/,
// reached by @forge/api's `privacy.reportPersonalData` as `/app/report-accounts` through stargate),
// per "User privacy guidelines for developers": up to 90 accounts a request, each `{ accountId,
// updatedAt }` with an RFC 3339 time; 200 with `{ accounts: [{ accountId, status }] }` naming those
// the app must erase ('closed') or refresh ('updated'); 204 when there is nothing to do; 400 with
// `{ errorType, errorMessage }` for a malformed request; 429 with Retry-After (seconds).
// One registry per platform: accounts are Atlassian-wide, not per site.

export const REPORT_ACCOUNTS_LIMIT = 90;
/** Atlassian's published test accounts: this one always answers 'closed'. */
export const ATLASSIAN_CLOSED_TEST_ACCOUNT = '5be24ba3f91c106033269289';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type Answer = { status: number; headers?: Record<string, string>; body: unknown };
const bad = (errorMessage: string): Answer => ({ status: 400, body: { errorType: 'BAD_REQUEST', errorMessage } });

export class PersonalDataRegistry {
  private readonly closed = new Set<string>([ATLASSIAN_CLOSED_TEST_ACCOUNT]);
  private readonly updatedAt = new Map<string, number>();
  private rateLimited = 0;
  /** Every report received, oldest first (accounts as sent). */
  readonly reports: Array<Array<{ accountId: string; updatedAt: string }>> = [];

  /** The person closed their Atlassian account: every app storing it must erase it. */
  closeAccount(accountId: string): void {
    this.closed.add(accountId);
  }

  /** The person changed their profile at `at`: copies retrieved before then are stale. */
  updateAccount(accountId: string, at: number): void {
    this.updatedAt.set(accountId, at);
  }

  /** The next `n` reports are answered 429 with Retry-After. */
  rateLimitNext(n: number): void {
    this.rateLimited = n;
  }

  answer(body: string): Answer {
    if (this.rateLimited > 0) {
      this.rateLimited--;
      return { status: 429, headers: { 'retry-after': '60' }, body: { errorType: 'RATE_LIMITED', errorMessage: 'Too many requests' } };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return bad('The request body is not JSON.');
    }
    const accounts = (parsed as { accounts?: unknown } | null)?.accounts;
    if (!Array.isArray(accounts) || accounts.length === 0) return bad('accounts must be a non-empty array.');
    if (accounts.length > REPORT_ACCOUNTS_LIMIT) return bad(`At most ${REPORT_ACCOUNTS_LIMIT} accounts per request.`);
    const sent: Array<{ accountId: string; updatedAt: string }> = [];
    for (const a of accounts as Array<{ accountId?: unknown; updatedAt?: unknown }>) {
      if (typeof a?.accountId !== 'string' || a.accountId === '' || a.accountId === 'unknown') return bad('Each account needs an accountId (never "unknown").');
      if (typeof a.updatedAt !== 'string' || !RFC3339.test(a.updatedAt) || Number.isNaN(Date.parse(a.updatedAt))) return bad(`updatedAt of ${a.accountId} is not an RFC 3339 time.`);
      sent.push({ accountId: a.accountId, updatedAt: a.updatedAt });
    }
    this.reports.push(sent);
    const actions: Array<{ accountId: string; status: 'closed' | 'updated' }> = [];
    for (const { accountId, updatedAt } of sent) {
      const changed = this.updatedAt.get(accountId);
      if (this.closed.has(accountId)) actions.push({ accountId, status: 'closed' });
      else if (changed !== undefined && changed > Date.parse(updatedAt)) actions.push({ accountId, status: 'updated' });
    }
    return actions.length > 0 ? { status: 200, body: { accounts: actions } } : { status: 204, body: null };
  }
}
