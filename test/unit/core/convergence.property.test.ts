// Property: for random interleavings of edits on both sides, with messages duplicated, reordered,
// delayed, lost and retried, and the receiving tracker failing now and then, both sides end with
// the same value in every two-way field under each conflict policy; one-way fields never flow
// backwards; no message is applied twice; no pair or partner issue is created twice; and once
// converged, nothing echoes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LocalIssueId } from '../../../src/core/ids';
import type { FieldKey } from '../../../src/core/replica/field-key';
import { hashValue, type ReplicaValue } from '../../../src/core/replica/value';
import { handleLocalChange } from '../../../src/core/sync/on-local-change';
import { sendOutboxEntry } from '../../../src/core/sync/send-outbox-entry';
import { mirrorRules } from './support/rules';
import { drain, makeTwoSites, MODEL_RETRY, type NetMode, type Site } from './support/two-sites';

type World = Awaited<ReturnType<typeof makeTwoSites>> & { issueA: LocalIssueId };
type Model = { lastAgentValue: { a: Partial<Record<FieldKey, string>>; b: Partial<Record<FieldKey, string>> } };
type SiteName = 'a' | 'b';

const TWO_WAY: FieldKey[] = ['summary', 'priority', 'status', 'labels'];
const valueFor: Record<string, fc.Arbitrary<ReplicaValue>> = {
  summary: fc.constantFrom('alpha', 'beta', 'gamma', 'delta').map((text) => ({ kind: 'text', text })),
  priority: fc.constantFrom('High', 'Medium', 'Low').map((name) => ({ kind: 'option', name })),
  status: fc.constantFrom('Open', 'In Progress', 'Done').map((name) => ({ kind: 'option', name })),
  labels: fc.subarray(['x', 'y', 'z']).map((names) => ({ kind: 'options', names })),
  duedate: fc.constantFrom('2030-01-01', '2030-06-30', '2031-12-31').map((date) => ({ kind: 'date', date })),
  'custom:1': fc.integer({ min: 0, max: 9 }).map((value) => ({ kind: 'number', value })),
};

const siteOf = (w: World, s: SiteName): Site => w[s];
const issueOf = (w: World, s: SiteName): LocalIssueId | undefined => (s === 'a' ? w.issueA : ([...w.b.tracker.issues.keys()][0] as LocalIssueId | undefined));

class Edit implements fc.AsyncCommand<Model, World> {
  constructor(readonly site: SiteName, readonly field: FieldKey, readonly value: ReplicaValue) {}
  check = () => true;
  async run(m: Model, w: World) {
    const issue = issueOf(w, this.site);
    if (!issue) return;
    siteOf(w, this.site).tracker.edit(issue, this.field, this.value);
    m.lastAgentValue[this.site][this.field] = hashValue(this.value);
  }
  toString = () => `edit(${this.site}.${this.field}=${JSON.stringify(this.value)})`;
}

/** The usual case: the platform's trigger follows the edit (it may still fire again later). */
class EditAndTrigger implements fc.AsyncCommand<Model, World> {
  constructor(readonly edit: Edit) {}
  check = () => true;
  async run(m: Model, w: World) {
    await this.edit.run(m, w);
    await new Trigger(this.edit.site).run(m, w);
  }
  toString = () => `${this.edit.toString()}+trigger`;
}

class Trigger implements fc.AsyncCommand<Model, World> {
  constructor(readonly site: SiteName) {}
  check = () => true;
  async run(_m: Model, w: World) {
    const issue = issueOf(w, this.site);
    if (issue) await handleLocalChange(siteOf(w, this.site).deps, { issueId: issue });
  }
  toString = () => `trigger(${this.site})`;
}

class Send implements fc.AsyncCommand<Model, World> {
  constructor(readonly site: SiteName, readonly pick: number, readonly mode: NetMode) {}
  check = () => true;
  async run(_m: Model, w: World) {
    const entries = siteOf(w, this.site).outbox.all();
    if (entries.length === 0) return;
    w.net.mode = this.mode;
    await sendOutboxEntry(siteOf(w, this.site).deps, entries[this.pick % entries.length]!.id);
    w.net.mode = 'ok';
  }
  toString = () => `send(${this.site}#${this.pick},${this.mode})`;
}

class Hiccup implements fc.AsyncCommand<Model, World> {
  constructor(readonly site: SiteName) {}
  check = () => true;
  async run(_m: Model, w: World) {
    siteOf(w, this.site).tracker.failNextWrite = { transient: true, message: 'HTTP 503 from the tracker' };
  }
  toString = () => `hiccup(${this.site})`;
}

class Tick implements fc.AsyncCommand<Model, World> {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(_m: Model, w: World) {
    w.clock.t += this.ms;
  }
  toString = () => `tick(${this.ms})`;
}

const site = fc.constantFrom<SiteName>('a', 'b');
const editable: Record<SiteName, FieldKey[]> = { a: [...TWO_WAY, 'duedate', 'custom:1'], b: [...TWO_WAY, 'duedate', 'custom:1'] };
const edit = site.chain((s) => fc.constantFrom(...editable[s]).chain((f) => valueFor[f]!.map((v) => new Edit(s, f, v))));
const send = fc.tuple(site, fc.nat(20), fc.constantFrom<NetMode>('ok', 'ok', 'drop-request', 'drop-response', 'duplicate')).map(([s, p, m]) => new Send(s, p, m));
const commands = fc.commands(
  [
    edit,
    edit.map((e) => new EditAndTrigger(e)),
    edit.map((e) => new EditAndTrigger(e)),
    site.map((s) => new Trigger(s)),
    send,
    send,
    send,
    site.map((s) => new Hiccup(s)),
    fc.integer({ min: 0, max: 3000 }).map((ms) => new Tick(ms)),
  ],
  { maxCommands: 80, size: '+1' },
);

async function settle(w: World): Promise<void> {
  w.a.tracker.failNextWrite = null;
  w.b.tracker.failNextWrite = null;
  for (let round = 0; round < 10; round++) {
    for (const s of ['a', 'b'] as const) {
      const issue = issueOf(w, s);
      if (issue) await handleLocalChange(siteOf(w, s).deps, { issueId: issue });
    }
    if (w.a.outbox.all().length === 0 && w.b.outbox.all().length === 0) return;
    await drain(w.a, w.b, w.net);
  }
  throw new Error('sites did not settle');
}

type Policy = 'local' | 'partner' | 'latest';

/** `linkFirst`: deliver the create before the chaos starts (else the create itself is in the chaos). */
async function checkRun(policyA: Policy, policyB: Policy, linkFirst: boolean, cmds: Iterable<fc.AsyncCommand<Model, World>>) {
  const rules = mirrorRules(policyA, policyB);
  const sites = await makeTwoSites(rules.a, rules.b, { retry: MODEL_RETRY });
  const issueA = sites.a.tracker.createLocal({ summary: { kind: 'text', text: 'start' }, priority: { kind: 'option', name: 'Medium' }, duedate: { kind: 'date', date: '2029-09-09' } });
  const world: World = { ...sites, issueA };
  const model: Model = { lastAgentValue: { a: { duedate: hashValue({ kind: 'date', date: '2029-09-09' }) }, b: {} } };
  await handleLocalChange(world.a.deps, { issueId: issueA });
  if (linkFirst) await drain(world.a, world.b, world.net);
  await fc.asyncModelRun(() => ({ model, real: world }), cmds);
  await settle(world);

  const issueB = issueOf(world, 'b');
  assert.ok(issueB, 'B has the mirrored issue');
  assert.equal(world.b.tracker.issues.size, 1, 'exactly one partner issue');
  assert.equal(world.b.tracker.creates, 1, 'the create was applied once');
  assert.equal(world.a.store.allPairs().length, 1);
  assert.equal(world.b.store.allPairs().length, 1);
  const hashAt = (s: SiteName, f: FieldKey) => {
    const v = siteOf(world, s).tracker.value(issueOf(world, s)!, f);
    return v ? hashValue(v) : hashValue({ kind: 'empty' });
  };
  for (const f of TWO_WAY) assert.equal(hashAt('a', f), hashAt('b', f), `two-way field ${f} converged`);
  // One-way: duedate is out from A, custom:1 out from B; the sync never writes them on the source.
  assert.equal(hashAt('a', 'duedate'), model.lastAgentValue.a.duedate ?? hashValue({ kind: 'empty' }), 'duedate never flows back to A');
  assert.equal(hashAt('b', 'custom:1'), model.lastAgentValue.b['custom:1'] ?? hashValue({ kind: 'empty' }), 'custom:1 never flows back to B');

  const applied = new Map<string, number>();
  for (const d of world.net.log) {
    if (d.ackStatus === 'applied' && d.pairId) {
      const key = `${d.to}/${d.pairId}/${d.seq}`;
      applied.set(key, (applied.get(key) ?? 0) + 1);
    } else if (d.status !== 503) {
      assert.equal(d.trackerWrites, 0, `a ${d.ackStatus ?? d.status} delivery wrote to the tracker`);
    }
  }
  for (const [key, n] of applied) assert.equal(n, 1, `message ${key} applied ${n} times`);

  // Converged means quiet: the sync's own writes produce nothing to send.
  for (const s of ['a', 'b'] as const) {
    const outcome = await handleLocalChange(siteOf(world, s).deps, { issueId: issueOf(world, s)! });
    assert.deepEqual(outcome, [{ connectionId: 'conn-1', status: 'no-change' }], `site ${s} echoes`);
  }
}

describe('convergence under a lossy, duplicating, reordering network', () => {
  for (const [pa, pb] of [['latest', 'latest'], ['local', 'partner'], ['partner', 'local']] as const) {
    test(`two-way fields converge with policies A=${pa}, B=${pb}`, async () => {
      await fc.assert(fc.asyncProperty(fc.boolean(), commands, (linkFirst, cmds) => checkRun(pa, pb, linkFirst, cmds)), { numRuns: 150 });
    });
  }
});
