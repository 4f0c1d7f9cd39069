// Worklogs on two sites: given acme and globex sharing worklogs both ways, when an agent logs work
// on ACME, then GLX shows it (time, start, comment, who logged it), follows its edit and its delete,
// the reverse works too, nothing echoes back, and a write Jira refuses half-way is not logged twice.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isRead } from '../../../sandbox/jira/point-cost';
import { adfText, plainText, startMirror, type IssueRef, type Mirror, type SiteHandle } from './support';

type Worklog = { id: string; timeSpentSeconds: number; started: string; comment?: unknown; author: { displayName: string } };

const worklogs = async (site: SiteHandle, issue: IssueRef): Promise<Worklog[]> =>
  (await site.rest<{ worklogs: Worklog[] }>('GET', `/rest/api/3/issue/${issue.key}/worklog`)).worklogs;

const logWork = (site: SiteHandle, issue: IssueRef, seconds: number, comment: string, started = '2030-01-07T08:00:00.000+0000') =>
  site.rest<Worklog>('POST', `/rest/api/3/issue/${issue.key}/worklog`, { timeSpentSeconds: seconds, started, comment: adfText(comment) });

const withWorklogs = (rule: { outgoing: object; incoming: object }) => ({ ...rule, outgoing: { ...rule.outgoing, worklogs: { enabled: true } }, incoming: { ...rule.incoming, worklogs: { enabled: true } } });

describe('worklogs between two Jira sites', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
    await m.saveRule(m.acme, withWorklogs);
    await m.saveRule(m.globex, withWorklogs);
    await m.settle();
  });
  after(() => m.close());

  test('work logged on ACME shows on GLX with its time, start and comment, named for who logged it', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Printer on fire' });
    const handled = () => m.acme.recorder.entries({ kind: 'invocation' }).filter((e) => e.moduleKey === 'worklog-events' && e.outcome === 'ok').length;
    const handledBefore = handled();
    await logWork(m.acme, source, 5400, 'Replaced the fuser');
    await m.settle();
    // The worklog event reaches Liaison's trigger (with Forge's delivery delay, the change may be
    // carried by it or, if the five-minute sweep came first, already sent and found unchanged).
    assert.ok(handled() > handledBefore, 'the worklog-events trigger ran');
    const [copy, ...more] = await worklogs(m.globex, mirror);
    assert.equal(more.length, 0);
    assert.equal(copy!.timeSpentSeconds, 5400);
    assert.equal(copy!.started, '2030-01-07T08:00:00.000+0000');
    const { displayName } = await m.acme.rest<{ displayName: string }>('GET', '/rest/api/3/myself');
    assert.equal(plainText(copy!.comment), `${displayName} logged this workReplaced the fuser`);
    // Nothing echoes back: acme still has its one worklog.
    assert.equal((await worklogs(m.acme, source)).length, 1);
  });

  test('an edit and a delete on ACME follow on GLX', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Toner low' });
    const logged = await logWork(m.acme, source, 1800, 'Ordered toner');
    await m.settle();
    await m.acme.rest('PUT', `/rest/api/3/issue/${source.key}/worklog/${logged.id}`, { timeSpentSeconds: 3600, comment: adfText('Ordered and fitted toner') });
    await m.settle();
    const [edited] = await worklogs(m.globex, mirror);
    assert.equal(edited!.timeSpentSeconds, 3600);
    assert.match(plainText(edited!.comment), /Ordered and fitted toner$/);
    await m.acme.rest('DELETE', `/rest/api/3/issue/${source.key}/worklog/${logged.id}`);
    await m.settle();
    assert.deepEqual(await worklogs(m.globex, mirror), []);
  });

  test('work logged on GLX comes back to ACME, once', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Badge reader offline' });
    await logWork(m.globex, mirror, 900, 'Rebooted the reader', '2030-01-07T10:15:00.000+0000');
    await m.settle();
    const onAcme = await worklogs(m.acme, source);
    assert.deepEqual(onAcme.map((w) => [w.timeSpentSeconds, w.started]), [[900, '2030-01-07T10:15:00.000+0000']]);
    assert.equal((await worklogs(m.globex, mirror)).length, 1);
  });

  test('the remaining estimate is reduced by mirrored work (auto), as for work logged here', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Server room too warm' });
    await m.globex.edit(mirror.key, { timetracking: { originalEstimate: '4h', remainingEstimate: '4h' } });
    await m.settle();
    await logWork(m.acme, source, 3600, 'Checked the air conditioning');
    await m.settle();
    const tt = (await m.globex.issue(mirror.key, 'timetracking')).fields.timetracking;
    assert.deepEqual(tt, { originalEstimate: '4h', originalEstimateSeconds: 14400, remainingEstimate: '3h', remainingEstimateSeconds: 10800, timeSpent: '1h', timeSpentSeconds: 3600 });
  });

  test('a Jira failure half-way through two worklogs: the re-send logs only the one that did not land', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Laptop will not boot' });
    let posts = 0;
    // The second worklog POST on globex fails once with a 503: the first landed and is recorded.
    m.globex.jira.faults.serverError({ next: 1, status: 503, when: (r) => r.method === 'POST' && /\/worklog$/.test(r.path) && ++posts === 2 });
    await logWork(m.acme, source, 600, 'Tried safe mode');
    await logWork(m.acme, source, 1200, 'Reinstalled the OS', '2030-01-07T09:00:00.000+0000');
    // Both land in one message when the trigger's reads race; either way the end state is the same.
    await m.settle();
    await m.advance(120_000);
    assert.equal(m.globex.jira.faults.counts.serverErrors, 1, 'the second worklog POST was refused once');
    const onGlobex = await worklogs(m.globex, mirror);
    assert.deepEqual(onGlobex.map((w) => w.timeSpentSeconds).sort((a, b) => a - b), [600, 1200]);
    assert.equal((await worklogs(m.acme, source)).length, 2);
  });

  test('estimates travel both ways, and mirrored work does not reduce a mirrored remaining estimate twice', async () => {
    const withEstimates = (rule: Parameters<typeof withWorklogs>[0] & { fields: Record<string, unknown> }) => ({
      ...withWorklogs(rule), fields: { ...rule.fields, timeoriginalestimate: { direction: 'both', conflict: 'latest' }, timeestimate: { direction: 'both', conflict: 'latest' } },
    });
    await m.saveRule(m.acme, withEstimates);
    await m.saveRule(m.globex, withEstimates);
    await m.settle();
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Migrate the mail server' });
    await m.acme.edit(source.key, { timetracking: { originalEstimate: '1d', remainingEstimate: '6h' } });
    await m.settle();
    const estimates = async (site: SiteHandle, issue: IssueRef) => {
      const f = (await site.issue(issue.key, 'timeoriginalestimate,timeestimate')).fields;
      return [f.timeoriginalestimate, f.timeestimate];
    };
    assert.deepEqual(await estimates(m.globex, mirror), [8 * 3600, 6 * 3600]);
    await m.globex.edit(mirror.key, { timetracking: { remainingEstimate: '5h' } });
    await m.settle();
    assert.deepEqual(await estimates(m.acme, source), [8 * 3600, 5 * 3600]);
    // ACME logs 2h: its own remaining goes 5h → 3h; GLX logs the mirrored 2h without touching its
    // estimate (adjustEstimate=leave) and takes ACME's 3h: not 1h.
    await logWork(m.acme, source, 7200, 'Moved the mailboxes');
    await m.settle();
    assert.deepEqual(await estimates(m.acme, source), [8 * 3600, 3 * 3600]);
    assert.deepEqual(await estimates(m.globex, mirror), [8 * 3600, 3 * 3600]);
    assert.deepEqual((await worklogs(m.globex, mirror)).map((w) => w.timeSpentSeconds), [7200]);
    await m.saveRule(m.acme, withWorklogs);
    await m.saveRule(m.globex, withWorklogs);
    await m.settle();
  });

  test('cost: each worklog add, edit and delete reads ACME once and is one worklog write on GLX, the estimate riding on it', async () => {
    const withEstimates = (rule: Parameters<typeof withWorklogs>[0] & { fields: Record<string, unknown> }) => ({
      ...withWorklogs(rule), fields: { ...rule.fields, timeestimate: { direction: 'both', conflict: 'latest' } },
    });
    await m.saveRule(m.acme, withEstimates);
    await m.saveRule(m.globex, withEstimates);
    await m.settle();
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Replace the UPS battery', timetracking: { originalEstimate: '1d', remainingEstimate: '1d' } });
    const calls = (site: SiteHandle) => site.recorder.entries({ kind: 'product' }).map((e) => ({ call: `${e.method} ${e.path}`, read: isRead(e.method, e.path.split('?')[0]!) }));
    const remaining = async (site: SiteHandle, issue: IssueRef) => (await site.issue(issue.key, 'timeestimate')).fields.timeestimate;
    // Each change made after a maintenance run reaches its trigger before the next sweep could carry it.
    const counted = async (change: () => Promise<unknown>) => {
      await m.afterMaintenance();
      m.acme.recorder.reset();
      m.globex.recorder.reset();
      await change();
      await m.settle();
      return { acme: calls(m.acme), globex: calls(m.globex) };
    };
    const oneRead = (issue: IssueRef) => [`GET /rest/api/3/issue/${issue.id}`];
    // Project metadata is cached for ten minutes across changes (app/sync-deps.ts): when the clock
    // moved past that, the apply reads it again, which is not a cost of this change.
    const metadata = /^(GET \/rest\/api\/3\/(project\/GLX|field|issue\/createmeta\/GLX\/.*)|POST \/rest\/api\/3\/workflows)$/;
    type Call = { call: string; read: boolean };
    const reads = (all: Call[]) => all.filter((c) => c.read).map((c) => c.call.split('?')[0]!).filter((c) => !metadata.test(c));
    const writes = (all: Call[]) => all.filter((c) => !c.read).map((c) => c.call);

    let logged = '';
    const add = await counted(async () => (logged = (await logWork(m.acme, source, 5400, 'Swapped the battery')).id));
    assert.deepEqual(reads(add.acme), oneRead(source), 'the worklog event costs ACME one read: its project routes it, its fields are the snapshot');
    assert.deepEqual(writes(add.acme), []);
    assert.deepEqual(reads(add.globex), oneRead(mirror));
    const [post, ...moreAdd] = writes(add.globex);
    assert.deepEqual(moreAdd, [], `one write on GLX: ${JSON.stringify(writes(add.globex))}`);
    assert.match(post!, new RegExp(`^POST /rest/api/3/issue/${mirror.id}/worklog\\?.*adjustEstimate=new&newEstimate=390m`));
    assert.equal(await remaining(m.globex, mirror), 6.5 * 3600);

    const [copy] = await worklogs(m.globex, mirror);
    const edit = await counted(() => m.acme.rest('PUT', `/rest/api/3/issue/${source.key}/worklog/${logged}`, { timeSpentSeconds: 7200 }));
    assert.deepEqual(reads(edit.acme), oneRead(source));
    assert.deepEqual(reads(edit.globex), oneRead(mirror));
    assert.deepEqual(writes(edit.globex).map((c) => c.split('?')[0]), [`PUT /rest/api/3/issue/${mirror.id}/worklog/${copy!.id}`]);
    assert.match(writes(edit.globex)[0]!, /adjustEstimate=new&newEstimate=360m/);
    assert.equal(await remaining(m.globex, mirror), 6 * 3600);

    const del = await counted(() => m.acme.rest('DELETE', `/rest/api/3/issue/${source.key}/worklog/${logged}`));
    assert.deepEqual(reads(del.acme), oneRead(source));
    assert.deepEqual(reads(del.globex), oneRead(mirror));
    assert.deepEqual(writes(del.globex).map((c) => c.split('?')[0]), [`DELETE /rest/api/3/issue/${mirror.id}/worklog/${copy!.id}`]);
    assert.match(writes(del.globex)[0]!, /adjustEstimate=new&newEstimate=480m/);
    assert.deepEqual([await remaining(m.globex, mirror), (await worklogs(m.globex, mirror)).length], [8 * 3600, 0]);
    await m.saveRule(m.acme, withWorklogs);
    await m.saveRule(m.globex, withWorklogs);
    await m.settle();
  });

  test('a rule that does not share worklogs keeps them home', async () => {
    await m.saveRule(m.acme, (r) => ({ ...r, outgoing: { ...r.outgoing, worklogs: { enabled: false } }, incoming: { ...r.incoming, worklogs: { enabled: true } } }));
    await m.settle();
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Projector flickers' });
    await logWork(m.acme, source, 300, 'Swapped the cable');
    await m.settle();
    assert.deepEqual(await worklogs(m.globex, mirror), []);
    await m.saveRule(m.acme, withWorklogs);
    await m.settle();
  });
});
