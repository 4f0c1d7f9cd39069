// The error taxonomy: the core retries what may succeed later and records what never will.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localIssueId } from '../../../../src/core/ids';
import { isTransientTrackerError, TrackerError } from '../../../../src/core/sync/tracker-error';
import { JiraApiError, JiraTracker, retryAfterMs } from '../../../../src/adapters/jira';
import { FakeJiraHttp, reply } from './support/fake-jira-http';

const issue = localIssueId('10001');
const edit = [{ field: 'summary' as const, value: { kind: 'text' as const, text: 'New' }, partnerField: 'summary' as const }];

async function failure(status: number, body: unknown, headers: Record<string, string> = {}): Promise<JiraApiError> {
  const http = new FakeJiraHttp().on('PUT', /\/issue\/10001$/, reply(status, body, headers));
  const err = await new JiraTracker({ http }).updateFields(issue, edit).catch((e: unknown) => e);
  assert.ok(err instanceof JiraApiError, `expected a JiraApiError, got ${String(err)}`);
  assert.ok(err instanceof TrackerError);
  return err;
}

describe('Jira errors in the core terms', () => {
  test('429 is transient, carries Retry-After and names the limit Jira met', async () => {
    const e = await failure(429, { errorMessages: ['Rate limit exceeded.'], errors: {} }, { 'retry-after': '7', 'ratelimit-reason': 'jira-burst-based' });
    assert.equal(e.transient, true);
    assert.equal(e.retryAfterMs, 7000);
    assert.match(e.message, /rate limited by Jira \(jira-burst-based\): Rate limit exceeded\./);
  });

  for (const status of [500, 502, 503, 504]) {
    test(`${status} is transient`, async () => {
      const e = await failure(status, { errorMessages: ['The service is temporarily unavailable. Try again later.'], errors: {} });
      assert.equal(e.transient, true);
      assert.equal(isTransientTrackerError(e), true);
    });
  }

  test('400 names the field Jira refused, in the core vocabulary', async () => {
    const e = await failure(400, { errorMessages: [], errors: { customfield_10020: 'The entered text is too long. It exceeds the allowed limit of 255 characters.' } });
    assert.equal(e.transient, false);
    assert.equal(e.field, 'custom:10020');
    assert.equal(e.message, 'edit summary of issue 10001: Jira refused (400): custom:10020: The entered text is too long. It exceeds the allowed limit of 255 characters.');
  });

  for (const status of [401, 403, 404]) {
    test(`${status} is permanent`, async () => {
      const e = await failure(status, { errorMessages: ['You do not have permission to edit issues in this project.'], errors: {} });
      assert.equal(e.transient, false);
      assert.equal(isTransientTrackerError(e), false);
      assert.match(e.message, new RegExp(`Jira refused \\(${status}\\): You do not have permission`));
    });
  }

  test('no answer at all is transient', async () => {
    const http = new FakeJiraHttp();
    http.failNext = new TypeError('fetch failed');
    const e = await new JiraTracker({ http }).updateFields(issue, edit).catch((x: unknown) => x);
    assert.ok(e instanceof JiraApiError);
    assert.equal(e.transient, true);
    assert.match(e.message, /no answer from Jira \(fetch failed\)/);
  });

  test('Retry-After as an HTTP date', () => {
    assert.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 30_000);
    assert.equal(retryAfterMs(undefined), undefined);
    assert.equal(retryAfterMs('soon'), undefined);
  });
});
