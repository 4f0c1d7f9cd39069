// Faults between and inside the two sites: the partner down for a while, 429 storms with
// Retry-After, 5xx, duplicated and reordered trigger events, a partner that fails halfway through
// applying a change. Nothing is lost, nothing is duplicated, nothing echoes, both sides converge.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sendStatuses, startMirror, traffic, type Mirror } from './support';

type Changelog = { values: Array<{ items: Array<{ field: string; toString: string | null }> }> };

async function summaryHistory(m: Mirror, key: string): Promise<Array<string | null>> {
  const log = await m.globex.rest<Changelog>('GET', `/rest/api/3/issue/${key}/changelog`);
  return log.values.flatMap((v) => v.items).filter((i) => i.field === 'summary').map((i) => i.toString);
}

/** After convergence: four quiet minutes (short of the five-minute maintenance) move no message. */
async function assertQuiet(m: Mirror): Promise<void> {
  const before = traffic(m);
  await m.advance(4 * 60_000);
  assert.equal(traffic(m), before, 'no message crossed after convergence (no echo loop)');
  for (const site of [m.acme, m.globex]) assert.deepEqual(await site.admin('admin/queue/list', { connectionId: m.connectionId }), [], `${site.name}'s queue is empty`);
}

describe('Jira ↔ Jira under faults', () => {
  let m: Mirror;
  beforeEach(async () => {
    m = await startMirror();
  });
  afterEach(() => m.close());

  test('globex unreachable for a while: changes queue on acme, then drain in order once it is back', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Outage: v0' });
    const host = new URL(m.globex.site.installation.webTriggerUrl('partner-inbox')).hostname;
    const handler = m.world.platform.hosts.resolve(host)!;
    m.world.platform.hosts.unregister(host);

    for (const summary of ['Outage: v1', 'Outage: v2', 'Outage: v3']) {
      await m.acme.edit(source.key, { summary });
      await m.settle();
    }
    await m.acme.addComment(source.key, 'Sent during the outage');
    await m.advance(2 * 60_000);
    const queued = await m.acme.admin<Array<{ attempts: number; lastError: string | null }>>('admin/queue/list', { connectionId: m.connectionId });
    assert.equal(queued.length, 4, 'every change waits in the queue');
    assert.ok(queued.every((e) => e.attempts > 0 && e.lastError !== null), 'each was tried and will be tried again');
    assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'Outage: v0');

    m.world.platform.hosts.register(host, handler);
    await m.advance(20 * 60_000);
    assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'Outage: v3');
    assert.deepEqual(await summaryHistory(m, mirror.key), ['Outage: v0', 'Outage: v1', 'Outage: v2', 'Outage: v3'], 'applied in the order they were made');
    assert.equal((await m.globex.comments(mirror.key)).filter((c) => c.text.endsWith('Sent during the outage')).length, 1);
    assert.deepEqual(await m.acme.admin('admin/errors/list', { connectionId: m.connectionId }), []);
    await assertQuiet(m);
  });

  test("a 429 storm on globex's Jira: acme waits as long as Retry-After says, then the change lands once", async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Storm: before' });
    m.globex.jira.faults.rateLimit({ next: 3, retryAfterSeconds: 120, when: (r) => r.method === 'PUT' });
    await m.acme.edit(source.key, { summary: 'Storm: after', labels: ['storm'] });
    await m.settle();
    assert.deepEqual(sendStatuses(m.acme).slice(-1), [503], 'globex answered "come back later"');
    const sentAt = m.acme.recorder.entries({ kind: 'egress' }).filter((e) => e.status === 503).at(-1)!.at;
    const [entry] = await m.acme.admin<Array<{ nextTryAt: number }>>('admin/queue/list', { connectionId: m.connectionId });
    assert.equal(entry!.nextTryAt - sentAt, 120_000, "the partner passed on Jira's Retry-After and acme honours it");

    await m.advance(entry!.nextTryAt - 1_000 - m.clock.now());
    assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'Storm: before', 'not retried early');
    await m.advance(20 * 60_000);
    const copy = (await m.globex.issue(mirror.key, 'summary,labels')).fields;
    assert.equal(copy.summary, 'Storm: after');
    assert.deepEqual(copy.labels, ['storm']);
    assert.equal(m.globex.jira.faults.counts.rateLimited, 3);
    await assertQuiet(m);
  });

  test("429s and 5xx on acme's own Jira while reading the change: the trigger looks again later", async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Read: before' });
    m.acme.jira.faults.rateLimit({ next: 1, retryAfterSeconds: 5, when: (r) => r.method === 'GET' && r.path.startsWith('/rest/api/3/issue/') });
    m.acme.jira.faults.serverError({ next: 1, status: 502, when: (r) => r.method === 'GET' && r.path.startsWith('/rest/api/3/issue/') });
    await m.acme.edit(source.key, { summary: 'Read: after' });
    await m.settle();
    await m.advance(2 * 60_000);
    assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'Read: after');
    assert.equal(m.acme.jira.faults.counts.rateLimited + m.acme.jira.faults.counts.serverErrors, 2);
    await assertQuiet(m);
  });

  test('5xx from globex while applying: retried until it lands, applied once', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Flaky: before' });
    m.globex.jira.faults.serverError({ next: 2, status: 503, when: (r) => r.method !== 'GET' });
    await m.acme.edit(source.key, { summary: 'Flaky: after' });
    await m.acme.addComment(source.key, 'One comment, one copy');
    await m.settle();
    await m.advance(10 * 60_000);
    assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'Flaky: after');
    assert.equal((await m.globex.comments(mirror.key)).length, 1);
    assert.ok(m.globex.jira.faults.counts.serverErrors >= 1);
    await assertQuiet(m);
  });

  test('duplicated and reordered trigger events: no duplicate issue, no duplicate comment, the latest values win', async () => {
    m.acme.jira.faults.duplicateEvents({ fraction: 1 });
    m.acme.jira.faults.reorderEvents(3);
    const issue = await m.acme.createIssue({ summary: 'Events: v1' });
    await m.acme.edit(issue.key, { summary: 'Events: v2', priority: { name: 'High' } });
    await m.acme.addComment(issue.key, 'First comment');
    await m.acme.edit(issue.key, { summary: 'Events: v3' });
    await m.acme.addComment(issue.key, 'Second comment');
    await m.settle();
    m.acme.jira.flushHeldEvents();
    await m.settle();
    await m.advance(2 * 60_000);
    assert.ok(m.acme.jira.faults.counts.duplicatedEvents > 0 && m.acme.jira.faults.counts.reorderedBatches > 0, 'the faults fired');

    const copies = await m.globex.findBySummary('Events:');
    assert.equal(copies.length, 1, 'one issue on globex');
    const copy = (await m.globex.issue(copies[0]!.key, 'summary,priority')).fields;
    assert.equal(copy.summary, 'Events: v3');
    assert.equal((copy.priority as { name: string }).name, 'High');
    assert.deepEqual((await m.globex.comments(copies[0]!.key)).map((c) => c.text.replace(/^.*wrote:/, '')).sort(), ['First comment', 'Second comment']);
    m.acme.jira.faults.reset();
    await assertQuiet(m);
  });

  test('globex fails after the first write of a create: the retry finds the issue instead of creating another', async () => {
    // The create goes through; everything after it (remote link, comment) fails once, as if the
    // process died right after the first write.
    m.globex.jira.faults.serverError({ next: 1, status: 503, when: (r) => r.method === 'POST' && r.path !== '/rest/api/3/issue' && r.path !== '/rest/api/3/search/jql' });
    const issue = await m.acme.createIssue({ summary: 'Crash: create then die' });
    await m.acme.addComment(issue.key, 'Comes with the create');
    await m.settle();
    await m.advance(10 * 60_000);
    assert.equal(m.globex.jira.faults.counts.serverErrors, 1, 'the fault fired');
    const copies = await m.globex.findBySummary('Crash: create then die');
    assert.equal(copies.length, 1, 'no duplicate issue');
    const mirror = await m.partnerOf(m.acme, issue);
    assert.equal(mirror.key, copies[0]!.key);
    assert.equal((await m.globex.comments(mirror.key)).length, 1, 'the comment arrived once');
    await assertQuiet(m);
  });

  test("an agent edits the issue a crashed create left on globex before acme's retry: it stays acme's issue, not a new one mirrored back as a duplicate, and the agent's edit wins", async () => {
    m.globex.jira.faults.serverError({ next: 1, status: 503, when: (r) => r.method === 'POST' && r.path !== '/rest/api/3/issue' && r.path !== '/rest/api/3/search/jql' });
    const issue = await m.acme.createIssue({ summary: 'Crash: edited before the retry' });
    // The comment's write fails after the create: the pair on globex does not know its issue yet.
    await m.acme.addComment(issue.key, 'Comes with the create');
    await m.settle();
    const [orphan] = await m.globex.findBySummary('Crash: edited before the retry');
    assert.ok(orphan, 'the create landed on globex before the failure');
    // The globex agent works on it at once; its trigger sees an issue no pair names yet.
    await m.globex.edit(orphan.key, { labels: ['triaged'] });
    await m.settle();
    await m.advance(10 * 60_000);
    assert.equal((await m.acme.findBySummary('Crash: edited before the retry')).length, 1, 'no copy of the copy on acme');
    assert.equal((await m.globex.findBySummary('Crash: edited before the retry')).length, 1, 'no duplicate on globex');
    assert.equal((await m.partnerOf(m.acme, issue)).key, orphan.key);
    // The edit made on globex between the crash and the retry is newer than the re-sent create:
    // it stays, and travels to acme.
    assert.deepEqual((await m.globex.issue(orphan.key)).fields.labels, ['triaged'], "the re-sent create did not overwrite the agent's edit");
    assert.deepEqual((await m.acme.issue(issue.key)).fields.labels, ['triaged'], 'the edit reached acme');
    await assertQuiet(m);
  });

  test('globex fails halfway through applying an update: nothing lost, nothing applied twice, both sides converge', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Half: before' });
    // The field edit lands, then the transition and the comment fail once.
    m.globex.jira.faults.serverError({ next: 1, status: 503, when: (r) => r.method === 'POST' && (r.path.endsWith('/transitions') || r.path.endsWith('/comment')) });
    await m.acme.edit(source.key, { summary: 'Half: after', labels: ['half'] });
    await m.acme.transition(source.key, 'In Progress');
    await m.acme.addComment(source.key, 'Half-way comment');
    await m.settle();
    await m.advance(10 * 60_000);
    assert.equal(m.globex.jira.faults.counts.serverErrors, 1, 'the fault fired');
    const copy = (await m.globex.issue(mirror.key, 'summary,labels,status')).fields;
    assert.equal(copy.summary, 'Half: after');
    assert.deepEqual(copy.labels, ['half']);
    assert.equal((copy.status as { name: string }).name, 'In Progress');
    assert.equal((await m.globex.comments(mirror.key)).length, 1);
    // Globex's own edit afterwards still flows back: the pair is healthy.
    await m.globex.edit(mirror.key, { summary: 'Half: globex has the last word' });
    await m.settle();
    assert.equal((await m.acme.issue(source.key, 'summary')).fields.summary, 'Half: globex has the last word');
    assert.deepEqual(await m.acme.admin('admin/errors/list', { connectionId: m.connectionId }), []);
    await assertQuiet(m);
  });
});
