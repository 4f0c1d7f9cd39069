// The error taxonomy: the core retries what may succeed later and records what never will, with
// ServiceNow's own words and the field they are about.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isTransientTrackerError, TrackerError } from '../../../../src/core/sync/tracker-error';
import { ServiceNowClient } from '../../../../src/adapters/servicenow/servicenow-client';
import { errorFromResponse, retryAfterMs, ServiceNowApiError } from '../../../../src/adapters/servicenow/servicenow-errors';
import type { ServiceNowHttpResponse } from '../../../../src/adapters/servicenow/servicenow-http';
import { FakeServiceNowHttp, failure, reply } from './support/fake-sn-http';

const columns = { short_description: 'summary', state: 'status', assigned_to: 'assignee' };

async function failed(res: ServiceNowHttpResponse): Promise<ServiceNowApiError> {
  const http = new FakeServiceNowHttp().on('PATCH', /incident\/abc$/, res);
  const err = await new ServiceNowClient(http).update('incident', 'abc', { short_description: 'x' }, { columns }).catch((e: unknown) => e);
  assert.ok(err instanceof ServiceNowApiError, `expected a ServiceNowApiError, got ${String(err)}`);
  assert.ok(err instanceof TrackerError);
  return err;
}

describe('ServiceNow errors in the core terms', () => {
  test('429 is transient and carries Retry-After', async () => {
    const e = await failed(failure(429, 'Too many requests', 'Rate limit rule exceeded', { 'retry-after': '7' }));
    assert.equal(e.transient, true);
    assert.equal(e.retryAfterMs, 7000);
    assert.equal(e.message, 'update incident abc: rate limited by ServiceNow: Too many requests: Rate limit rule exceeded');
  });

  for (const status of [500, 502, 503, 504]) {
    test(`${status} is transient`, async () => {
      const e = await failed(reply(status, undefined));
      assert.equal(e.transient, true);
      assert.equal(isTransientTrackerError(e), true);
      assert.match(e.message, new RegExp(`ServiceNow unavailable \\(${status}\\): HTTP ${status}`));
    });
  }

  test('400 names the field ServiceNow refused, in the core vocabulary', async () => {
    const e = await failed(failure(400, 'Data Policy Exception', 'The following fields are mandatory: Short description'));
    assert.equal(e.transient, false);
    assert.equal(e.field, 'summary');
    assert.equal(e.message, "update incident abc: ServiceNow refused (400): Data Policy Exception: The following fields are mandatory: Short description (field summary). The instance's data policy makes Short description mandatory for this change");
  });

  test('a resolve refused by the close-info data policy is a permanent refusal of the status, naming the labels and where to set them', async () => {
    const e = errorFromResponse('update incident abc', failure(403, 'Operation Failed', 'Data Policy Exception: The following fields are mandatory: Resolution code, Resolution notes'), { state: 'status', close_code: 'status', close_notes: 'status' });
    assert.equal(e.transient, false);
    assert.equal(e.field, 'status');
    assert.match(e.message, /makes Resolution code, Resolution notes mandatory for this change: pick the code and notes for this state in the ServiceNow settings of the connection/);
  });

  test('403 on a field write names it too', async () => {
    const e = await failed(failure(403, 'Operation Failed', 'ACL Exception Update Failed due to security constraints on assigned_to'));
    assert.equal(e.field, 'assignee');
    assert.equal(e.transient, false);
  });

  for (const [status, message, detail] of [[401, 'User Not Authenticated', 'Required to provide Auth information'], [403, 'User Not Authorized', 'Not sufficient permissions'], [404, 'No Record found', 'Record doesn\'t exist or ACL restricts the record retrieval']] as const) {
    test(`${status} is permanent`, async () => {
      const e = await failed(failure(status, message, detail));
      assert.equal(e.transient, false);
      assert.equal(e.status, status);
      assert.match(e.message, new RegExp(`ServiceNow refused \\(${status}\\): ${message}: `));
    });
  }

  test('an HTML error page becomes its text, not markup', async () => {
    const e = await failed({ status: 502, headers: { 'content-type': 'text/html' }, text: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
    assert.match(e.message, /ServiceNow unavailable \(502\): 502 Bad Gateway$/);
  });

  test('Forge egress refusal is permanent and says what to fix', async () => {
    const e = await failed({ status: 403, headers: { 'forge-proxy-error': 'REQUEST_EGRESS_ALLOWLIST_ERR' }, text: '' });
    assert.equal(e.transient, false);
    assert.match(e.message, /REQUEST_EGRESS_ALLOWLIST_ERR.*egress permissions/);
  });

  test('no answer at all is transient', async () => {
    const http = new FakeServiceNowHttp();
    http.failNext = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET', message: 'socket hang up' } });
    const e = await new ServiceNowClient(http).get('incident', 'abc').catch((x: unknown) => x);
    assert.ok(e instanceof ServiceNowApiError);
    assert.equal(e.transient, true);
    assert.match(e.message, /no answer from ServiceNow \(ECONNRESET: socket hang up\)/);
  });

  test('Retry-After: seconds or an HTTP date; anything else is ignored', () => {
    const now = Date.UTC(2025, 5, 2, 9, 0, 0);
    assert.equal(retryAfterMs('120', now), 120_000);
    assert.equal(retryAfterMs(new Date(now + 90_000).toUTCString(), now), 90_000);
    assert.equal(retryAfterMs('later', now), undefined);
    assert.equal(retryAfterMs(undefined, now), undefined);
  });
});
