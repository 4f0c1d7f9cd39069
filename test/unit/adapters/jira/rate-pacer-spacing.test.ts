// How Liaison spaces its Jira calls after what Jira said (issue 13): a per-issue refusal spaces that
// issue's writes by the Retry-After it named, then the spacing fades write by write instead of
// holding for ever (a 1 s spacing kept for ever made every later mirrored edit of that issue wait a
// second); and an endpoint's remaining allowance is shared by the calls in flight, so four applies
// at once do not overrun the burst buffer together.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { route } from '@forge/api';
import { defaultSeed, JiraSite } from '../../../../sandbox/jira/index';
import { JiraClient } from '../../../../src/adapters/jira/jira-client';
import { jsonBody, type JiraHttp, type JiraHttpResponse } from '../../../../src/adapters/jira/jira-http';
import { JiraRatePacer, pacedJiraHttp } from '../../../../src/adapters/jira/rate-pacer';

const APP = 'app-liaison';
const START = Date.parse('2026-03-26T16:24:52Z');

/** A manual clock that a wait moves forward; concurrent waits overlap instead of adding up. */
function manualClock() {
  const c = {
    now: START,
    slept: [] as number[],
    clock: {
      now: () => c.now,
      sleep: async (ms: number) => {
        const until = c.now + ms;
        c.slept.push(ms);
        await new Promise((r) => setImmediate(r));
        c.now = Math.max(c.now, until);
      },
    },
  };
  return c;
}

function siteWorld(limits: ConstructorParameters<typeof JiraSite>[0]['rateLimits']) {
  const t = manualClock();
  const site = new JiraSite({ name: 'acme', seed: defaultSeed('acme'), now: () => t.now, ...(limits ? { rateLimits: limits } : {}) });
  site.addUser({ accountId: APP, displayName: 'Liaison', accountType: 'app' });
  const raw: JiraHttp = {
    async request(method, path, body) {
      // Yield first: calls made at once are in flight together, as on a real site.
      await new Promise((r) => setImmediate(r));
      const res = await site.request({
        method,
        path: path.value,
        headers: body?.kind === 'json' ? { 'content-type': 'application/json' } : {},
        ...(body?.kind === 'json' ? { body: JSON.stringify(body.value) } : {}),
        actor: { accountId: APP },
      });
      return { status: res.status, headers: res.headers, text: res.body };
    },
  };
  const pacer = new JiraRatePacer(t.clock);
  return { site, t, pacer, client: new JiraClient(pacedJiraHttp(raw, pacer)) };
}

const edit = (client: JiraClient, key: string, summary: string) => client.send('edit', 'PUT', route`/rest/api/3/issue/${key}`, jsonBody({ fields: { summary } }));

describe('spacing Jira calls after what Jira said', () => {
  test('after one per-issue refusal the issue\'s writes are spaced by the Retry-After, then the spacing halves with each accepted write until they go unpaced', async () => {
    const t = manualClock();
    let refuseNext = true;
    const ok: JiraHttpResponse = { status: 204, headers: {}, text: '' };
    const raw: JiraHttp = {
      async request() {
        if (!refuseNext) return ok;
        refuseNext = false;
        return { status: 429, headers: { 'retry-after': '1', 'ratelimit-reason': 'jira-per-issue-on-write' }, text: '{}' };
      },
    };
    const pacer = new JiraRatePacer(t.clock);
    const client = new JiraClient(pacedJiraHttp(raw, pacer));
    for (let i = 0; i < 8; i++) await edit(client, 'ACME-1', `edit ${i}`);
    assert.deepEqual(t.slept, [1000, 1000, 500, 250, 125, 62.5], 'the retry, then the fading spacing; the last two writes were not held');
    assert.equal(pacer.issueSpacingMs('ACME-1'), 0);
    assert.equal(pacer.counts.met429.issue, 1);
    await edit(client, 'ACME-2', 'another issue');
    assert.equal(t.slept.length, 6, 'another issue was never paced');
  });

  test('any sequence of writes over a few issues, against any per-issue allowance: every write lands, and the spacing never exceeds the wait Jira named and fades while Jira accepts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          capacity: fc.integer({ min: 1, max: 5 }),
          perSecond: fc.integer({ min: 1, max: 4 }),
          writes: fc.array(fc.record({ issue: fc.integer({ min: 1, max: 3 }), gapMs: fc.integer({ min: 0, max: 700 }) }), { minLength: 1, maxLength: 40 }),
        }),
        async ({ capacity, perSecond, writes }) => {
          const w = siteWorld({ issueWriteCapacity: capacity, issueWritesPerSecond: perSecond });
          try {
            const spacing = new Map<string, number>();
            let n = 0;
            for (const { issue, gapMs } of writes) {
              w.t.now += gapMs;
              const key = `ACME-${issue}`;
              const refusedBefore = w.pacer.counts.met429.issue;
              await edit(w.client, key, `write ${n++}`); // throws if Jira's refusal reached the caller
              const now = w.pacer.issueSpacingMs(key);
              assert.ok(now <= 1_000, `spacing ${now} ms is within the Retry-After Jira gives (1 s for these allowances)`);
              if (w.pacer.counts.met429.issue === refusedBefore) assert.ok(now <= (spacing.get(key) ?? 0) / 2 || now === 0, 'accepted at once: the spacing halved or went');
              spacing.set(key, now);
            }
            const summaries = await w.client.send('read', 'GET', route`/rest/api/3/issue/${`ACME-${writes.at(-1)!.issue}`}?fields=summary`);
            assert.equal((JSON.parse(summaries.text) as { fields: { summary: string } }).fields.summary, `write ${n - 1}`);
          } finally {
            w.site.close();
          }
        },
      ),
      { numRuns: 40, seed: 13 },
    );
  });

  test('calls in flight together share what is left of an endpoint\'s allowance: four lanes at once never overrun the burst buffer', async () => {
    const w = siteWorld({ burstCapacity: 6, burstPerSecond: 6 });
    after(() => w.site.close());
    const lane = async (l: number) => {
      for (let i = 0; i < 6; i++) await w.client.send('read', 'GET', route`/rest/api/3/issue/${`ACME-${((l + i) % 3) + 1}`}`);
    };
    await Promise.all([0, 1, 2, 3].map(lane));
    assert.equal(w.site.rateLimits.stats.refusals['jira-burst-based'], 0, 'Jira never had to refuse a call');
    assert.equal(w.pacer.counts.met429.endpoint, 0);
    assert.ok(w.t.now - START >= 2_000, 'the 24 calls waited for the allowance to come back (6 at once, 6 a second)');
  });

  test('when the second has passed, more callers waiting than came back do not rush the endpoint together: one goes first and its answer says what is left', async () => {
    const w = siteWorld({ burstCapacity: 5, burstPerSecond: 2 });
    after(() => w.site.close());
    const lane = async (l: number) => {
      for (let i = 0; i < 3; i++) await w.client.send('read', 'GET', route`/rest/api/3/issue/${`ACME-${((l + i) % 3) + 1}`}`);
    };
    await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(lane));
    assert.equal(w.site.rateLimits.stats.refusals['jira-burst-based'], 0, 'eight lanes, two calls back a second: Jira never had to refuse one');
    assert.equal(w.pacer.counts.met429.endpoint, 0);
  });
});
