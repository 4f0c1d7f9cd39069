// Replica messages between Liaison sites on different versions (partners upgrade on their own day).
// Given two sites sharing a project: a newer partner's unknown field key is dropped and reported,
// not a reason to refuse the issue; an old sender's worklogs over the limit arrive in pieces it
// understands; and a partner that upgrades gets what was withheld from its old version.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LocalIssueId } from '../../../src/core/ids';
import type { NewWorklog } from '../../../src/core/ports/tracker';
import { PROFILE_ACCEPTS } from '../../../src/core/profile/partner-profile';
import { PROTOCOL_VERSION, type AckBody, type Envelope } from '../../../src/core/protocol/envelope';
import { signEnvelope } from '../../../src/core/protocol/sign';
import { UNKNOWN_FIELDS_DROPPED } from '../../../src/core/protocol/unknown-fields';
import { hashValue, type ReplicaValue } from '../../../src/core/replica/value';
import { worklogHash, type WorklogReplica } from '../../../src/core/replica/worklog';
import { emptyDoc } from '../../../src/core/richtext/model';
import type { SharingRuleInput } from '../../../src/core/rules/schema';
import { handleAck } from '../../../src/core/sync/handle-ack';
import { TrackerError } from '../../../src/core/sync/tracker-error';
import { bodyForPartner } from '../../../src/core/sync/partner-reads';
import { recordPartnerProfile } from '../../../src/core/sync/partner-profile';
import { receiveMessage } from '../../../src/core/sync/receive-message';
import { resendParts } from '../../../src/core/sync/resend-parts';
import { handleLocalChange } from '../../../src/core/sync/on-local-change';
import { WORKLOG_PIECE_WAIT_MS } from '../../../src/core/sync/old-sender-worklogs';
import { parseWorkEvent } from '../../../src/app/work-queue';
import { oldSenderTakes } from './support/liaison-9e9be9f';
import { defaultMetadata, MemoryTracker } from './support/memory-tracker';
import { CONNECTION, drain, makeTwoSites, type Site } from './support/two-sites';

const SECRET = 'shared-connection-secret-for-tests';
const both = { direction: 'both', conflict: 'latest' } as const;
const ruleA: SharingRuleInput = { connectionId: 'conn-1', projectKey: 'ALPHA', fields: { summary: both, timeoriginalestimate: both }, incoming: { create: { projectKey: 'ALPHA', issueType: 'Task' } } };
const ruleB: SharingRuleInput = {
  connectionId: 'conn-1', projectKey: 'BETA', fields: { summary: both, timeoriginalestimate: both },
  incoming: { create: { projectKey: 'BETA', issueType: 'Task' }, worklogs: { enabled: true } },
};

/** A tracker that keeps worklogs (Jira's), so the worklog steps of an apply land somewhere. */
class WorklogTracker extends MemoryTracker {
  readonly logged = new Map<string, NewWorklog & { id: string }>();
  /** Worklogs (by time spent) this tracker refuses, as Jira refuses one it finds invalid. */
  readonly refuses = new Set<number>();
  async addWorklog(_issue: LocalIssueId, w: NewWorklog): Promise<string> {
    if (this.refuses.has(w.timeSpentSeconds)) throw new TrackerError('Worklog must not be logged on a closed day', false, 'worklogs');
    this.writes++;
    const id = `wl-${this.logged.size + 1}`;
    this.logged.set(id, { ...w, id });
    return id;
  }
  /** Refuses the 'mirrored by' link to the partner issue, when set (as Jira does a remote link over its limit). */
  refusesLinks = false;
  async linkPartner(): Promise<void> {
    if (this.refusesLinks) throw new TrackerError('remote links on this issue are at their limit', false);
  }
  async findMirroredWorklog(): Promise<string | null> {
    return null;
  }
  async updateWorklog(_issue: LocalIssueId, id: string, w: NewWorklog): Promise<void> {
    this.writes++;
    this.logged.set(id, { ...w, id });
  }
  async deleteWorklog(_issue: LocalIssueId, id: string): Promise<boolean> {
    this.writes++;
    return this.logged.delete(id);
  }
}

async function world() {
  const sites = await makeTwoSites(ruleA, ruleB);
  const meta = (key: string) => {
    const m = defaultMetadata(key);
    return { ...m, fields: { ...m.fields, timeoriginalestimate: { kind: 'number' as const, min: 0, max: 1e9 } } };
  };
  for (const s of [sites.a, sites.b]) {
    const tracker = new WorklogTracker(s.name === 'a' ? 'ALPHA' : 'BETA', () => sites.clock.t, meta(s.name === 'a' ? 'ALPHA' : 'BETA'));
    Object.assign(s, { tracker });
    s.deps.tracker = tracker;
  }
  return sites;
}
const trackerOf = (s: Site) => s.deps.tracker as WorklogTracker;

/** Announces on `site`'s side what the partner reads (as a profile message would record it). */
async function partnerAnnounces(site: Site, accepts: string[] | undefined): Promise<void> {
  const c = (await site.config.getConnection(CONNECTION))!;
  await site.config.putConnection({ ...c, partnerProfile: { name: 'Partner', site: 'https://partner.atlassian.net', contacts: [], catalog: { statuses: [], priorities: [], issueTypes: [] }, updatedAt: 0, ...(accepts ? { accepts } : {}) } });
}

const field = (value: ReplicaValue, ts = 1_700_000_000_000) => ({ value, ts, hash: hashValue(value) });
function worklog(i: number): WorklogReplica {
  const w = { id: `p-${i}`, timeSpentSeconds: 600 * i, started: new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString(), comment: emptyDoc(), author: { displayName: 'Ann' }, ts: 1_700_000_000_000 + i };
  return { ...w, hash: worklogHash(w) };
}

/** A replica message for pair `p-1` as a sender signs it; `fields`/`clocks` go on the wire as given. */
function replicaMessage(body: { fields: Record<string, unknown>; clocks: Record<string, unknown>; worklogs?: WorklogReplica[]; url?: string }, n = 1): string {
  const env = {
    v: PROTOCOL_VERSION, connectionId: CONNECTION, messageId: `new-${n}`, pairId: 'p-1', seq: 1, sentAt: 1_700_000_000_000, kind: 'replica',
    body: { origin: { issueId: '9001', issueKey: 'ALPHA-1', projectKey: 'ALPHA', ...(body.url ? { url: body.url } : {}) }, create: true, replica: { fields: body.fields, comments: [], attachments: [], ...(body.worklogs ? { worklogs: body.worklogs } : {}) }, clocks: body.clocks },
  };
  return signEnvelope(env as unknown as Envelope, SECRET);
}
const ackOf = (res: { body: string }): AckBody => (JSON.parse(res.body) as { envelope: { body: AckBody } }).envelope.body;

describe('a newer partner sends a field key this version does not know', () => {
  const summary = field({ kind: 'text', text: 'Printer on fire' });
  const clock = { mine: 1, yours: 0 };

  test('the rest applies, the key is noted here and named in the ack; the form of keys and their number stay checked', async () => {
    const { b } = await world();
    const res = await receiveMessage(b.deps, replicaMessage({ fields: { summary, storyPoints: { value: { kind: 'points', n: 5 }, ts: 1, hash: 'x' } }, clocks: { summary: clock, storyPoints: clock } }));
    assert.equal(res.status, 200, res.body);
    const ack = ackOf(res);
    assert.equal(ack.status, 'applied');
    assert.deepEqual(ack.dropped.map((d) => d.field), ['storyPoints']);
    assert.match(ack.dropped[0]!.reason, /^unknown field:/);
    const issue = [...trackerOf(b).issues.values()][0]!;
    assert.deepEqual(issue.fields.summary?.value, { kind: 'text', text: 'Printer on fire' });
    assert.equal('storyPoints' in issue.fields, false, 'nothing unknown is ever written');
    const errors = await b.store.listErrors(CONNECTION);
    assert.deepEqual(errors.map((e) => [e.field, e.pairId]), [['storyPoints', 'p-1']]);
    assert.match(errors[0]!.reason, /does not know/);

    // Still refused: a key of another form, too many unknown keys, a known key's bad value.
    for (const [fields, why] of [
      [{ summary, 'Story Points!': summary }, /Story Points!/],
      [{ summary, ...Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`future${i}`, summary])) }, /unknownFields/],
      [{ summary: { value: { kind: 'text', text: 5 }, ts: 1, hash: 'a'.repeat(64) } }, /summary/],
    ] as const) {
      const refused = await receiveMessage(b.deps, replicaMessage({ fields, clocks: { summary: clock } }, 2));
      assert.equal(refused.status, 400);
      assert.match((JSON.parse(refused.body) as { message: string }).message, why);
    }
  });

  test('a sender told of the drop stops sending the key while the partner\'s announcement stands, and says so', async () => {
    const { a } = await world();
    await partnerAnnounces(a, [...PROFILE_ACCEPTS]);
    const body = { origin: { issueId: '1', issueKey: 'ALPHA-1', projectKey: 'ALPHA' }, create: false, replica: { fields: { summary, timespent: field({ kind: 'number', value: 60 }) }, comments: [], attachments: [] }, clocks: { summary: clock, timespent: clock } };
    const before = bodyForPartner(body, (await a.config.getConnection(CONNECTION))!);
    assert.deepEqual(Object.keys(before.replica.fields), ['summary', 'timespent'], 'a partner that drops unknown keys gets every key');
    const ack: AckBody = { ackOf: 'm', status: 'applied', issueId: '2', issueKey: 'BETA-1', errors: [], dropped: [{ field: 'timespent', reason: 'unknown field: Liaison on this side does not know it (an older version); not applied' }] };
    await handleAck(a.deps, CONNECTION, 'p-9' as never, ack);
    await handleAck(a.deps, CONNECTION, 'p-9' as never, ack);
    const after = (await a.config.getConnection(CONNECTION))!;
    assert.deepEqual(after.partnerProfile?.ignores, ['timespent']);
    assert.deepEqual(Object.keys(bodyForPartner(body, after).replica.fields), ['summary']);
    assert.deepEqual((await a.store.listErrors(CONNECTION)).map((e) => e.field), ['partner:timespent'], 'noted once');
  });
});

describe('a sender on 9e9be9f cannot read a worklogsPerMessage refusal', () => {
  const summary = field({ kind: 'text', text: 'Monthly retainer' });
  const message = replicaMessage({ fields: { summary }, clocks: { summary: { mine: 1, yours: 0 } }, worklogs: Array.from({ length: 45 }, (_, i) => worklog(i + 1)) });

  test('a sender that announced (this version) is refused with the limit it splits by', async () => {
    const { b } = await world();
    await partnerAnnounces(b, [...PROFILE_ACCEPTS]);
    const res = await receiveMessage(b.deps, message);
    assert.equal(res.status, 429);
    assert.equal((JSON.parse(res.body) as { limit: string }).limit, 'worklogsPerMessage');
    assert.equal(oldSenderTakes(res.status, res.body), 'fails-and-retries', 'what the old sender would make of it: the same message until it gives up');
  });

  test('an old sender\'s message is taken in pieces of 20: it waits between them, and the last one is acknowledged', async () => {
    const { b } = await world();
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await receiveMessage(b.deps, message);
      answers.push(oldSenderTakes(res.status, res.body));
      if (res.status !== 200) assert.equal(res.retryAfterMs, WORKLOG_PIECE_WAIT_MS);
      else assert.equal(ackOf(res).status, i === 2 ? 'applied' : 'duplicate');
    }
    assert.deepEqual(answers, ['waits', 'waits', 'settled', 'settled']);
    const logged = [...trackerOf(b).logged.values()];
    assert.equal(logged.length, 45, 'every worklog once');
    assert.equal(new Set(logged.map((w) => w.mirrorOf)).size, 45);
    assert.equal([...trackerOf(b).issues.values()].length, 1, 'one issue, made by the first piece');
    assert.deepEqual(await b.store.listErrors(CONNECTION), []);
  });

  test('errors of every piece are named in the last piece\'s ack, each once, and the pair forgets them', async () => {
    const { b } = await world();
    // BETA refuses the 'mirrored by' link (only the first piece, which makes the issue, adds it),
    // the third worklog (met by every piece, as it stays to do) and the estimate (over its maximum).
    trackerOf(b).refusesLinks = true;
    trackerOf(b).refuses.add(600 * 3);
    const fields = { summary, timeoriginalestimate: field({ kind: 'number', value: 2e9 }) };
    const clocks = { summary: { mine: 1, yours: 0 }, timeoriginalestimate: { mine: 1, yours: 0 } };
    const withErrors = replicaMessage({ fields, clocks, worklogs: Array.from({ length: 45 }, (_, i) => worklog(i + 1)), url: 'https://alpha.atlassian.net/browse/ALPHA-1' });
    const answers: string[] = [];
    let last = { status: 0, body: '' };
    for (let i = 0; i < 3; i++) {
      last = await receiveMessage(b.deps, withErrors);
      answers.push(oldSenderTakes(last.status, last.body));
    }
    assert.deepEqual(answers, ['waits', 'waits', 'settled']);
    const ack = ackOf(last);
    assert.equal(ack.status, 'applied');
    assert.deepEqual(ack.errors.map((e) => `${e.field} ${e.value}`).sort(), ['link ALPHA-1', 'timeoriginalestimate 2000000000', 'worklogs worklog p-3']);
    assert.equal([...trackerOf(b).logged.values()].length, 44, 'every other worklog once');
    assert.equal((await b.store.getPair(CONNECTION as never, 'p-1' as never))?.pieceErrors, undefined, 'the pair forgets them once acknowledged');
  });
});

describe('a partner that upgrades gets what its old version was not sent', () => {
  test('the original estimate, withheld from a partner that announced nothing, goes to every pair once it announces', async () => {
    const { a, b, net } = await world();
    const withheld = trackerOf(a).createLocal({ summary: { kind: 'text', text: 'Quote for Q1' }, timeoriginalestimate: { kind: 'number', value: 7200 } });
    await handleLocalChange(a.deps, { issueId: withheld });
    await drain(a, b, net);
    const copy = () => [...trackerOf(b).issues.values()][0]!;
    assert.deepEqual(copy().fields.summary?.value, { kind: 'text', text: 'Quote for Q1' });
    assert.equal(copy().fields.timeoriginalestimate, undefined, 'a version before 4705db7 would refuse the whole message for it');

    // b upgrades: its profile arrives with what it reads; the re-send runs through a's outbox.
    const started: { connectionId: string; parts: string[] }[] = [];
    const deps = { ...a.deps, resend: { start: async (connectionId: string, parts: string[]) => void started.push({ connectionId, parts }) } };
    await partnerAnnounces(a, undefined);
    await recordPartnerProfile(deps, CONNECTION, { name: 'Beta', site: 'https://beta.atlassian.net', contacts: [], catalog: { statuses: [], priorities: [], issueTypes: [] } }, [...PROFILE_ACCEPTS]);
    assert.equal(started.length, 1);
    assert.ok(started[0]!.parts.includes('timeoriginalestimate') && started[0]!.parts.includes('serviceDesk') && started[0]!.parts.includes('timespent'));
    // What the app queues for it is a valid work event (app/resend-parts.ts pushes exactly this).
    assert.doesNotThrow(() => parseWorkEvent({ kind: 'resend-parts', connectionId: CONNECTION, parts: started[0]!.parts, cursor: null, hop: 0 }));
    const planned = await resendParts(a.deps, CONNECTION, started[0]!.parts, a.store.allPairs());
    assert.equal(planned, 1);
    await drain(a, b, net);
    assert.deepEqual(copy().fields.timeoriginalestimate?.value, { kind: 'number', value: 7200 });
    assert.deepEqual(copy().fields.summary?.value, { kind: 'text', text: 'Quote for Q1' });

    // The same announcement again (a renamed partner) starts nothing.
    await recordPartnerProfile(deps, CONNECTION, { name: 'Beta Ltd', site: 'https://beta.atlassian.net', contacts: [], catalog: { statuses: [], priorities: [], issueTypes: [] } }, [...PROFILE_ACCEPTS]);
    assert.equal(started.length, 1);
    assert.ok((PROFILE_ACCEPTS as readonly string[]).includes(UNKNOWN_FIELDS_DROPPED));
  });
});
