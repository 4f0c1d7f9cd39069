// A partner that upgrades (issue 16, version skew), end to end through the sandbox. globex first
// speaks as a Liaison version that announces nothing (before c958759: its profile carries no
// `accepts`), so acme withholds the components and the original estimate its rule sends; acme's
// issues are mirrored without them. Then globex upgrades: its profile, now announcing what this
// version reads, reaches acme, and acme re-sends the withheld parts for every pair through the
// work queue, a page of 25 pairs at a time, 30 s apart on the (manual) clock, each pair once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { demoSeed } from '../../../sandbox/demo/every-kind';
import { PROTOCOL_VERSION, type Envelope } from '../../../src/core/protocol/envelope';
import { signEnvelope } from '../../../src/core/protocol/sign';
import { RESEND_GAP_S, RESEND_PAGE_SIZE } from '../../../src/core/sync/resend-parts';
import { connectionSecret, postToInbox } from './attack-support';
import { startMirror, type IssueRef, type Mirror } from './support';

/** One page and one more issue: the re-send takes two pages. */
const ISSUES = RESEND_PAGE_SIZE + 1;
const WITHHELD = ['components', 'timeoriginalestimate'] as const;

const names = (v: unknown): string[] => (Array.isArray(v) ? v.map((x: { name: string }) => x.name).sort() : []);

describe('a partner that upgrades gets what its old version was not sent', () => {
  let m: Mirror;
  const issues: Array<{ source: IssueRef; mirror: IssueRef }> = [];

  /** globex's copy: its components and original estimate. */
  const copy = async (mirror: IssueRef) => {
    const f = (await m.globex.issue(mirror.key, 'components,timeoriginalestimate,summary')).fields;
    return { components: names(f.components), estimate: f.timeoriginalestimate ?? null, summary: f.summary };
  };
  const received = async () => {
    const out: string[] = [];
    for (const { mirror } of issues) if ((await copy(mirror)).components.length > 0) out.push(mirror.key);
    return out;
  };

  let globexIsOld = false;

  /**
   * globex plays a version before c958759: its profile, sent now and given whenever acme asks for it
   * (acme asks a partner that announced nothing at every profile check), carries no `accepts`. Both
   * are signed with the connection's secret, as globex's own app signs them.
   */
  async function globexSpeaksAsOldVersion(): Promise<void> {
    globexIsOld = true;
    const secret = connectionSecret(m.acme, m.connectionId);
    const inbox = new URL(m.globex.site.installation.webTriggerUrl('partner-inbox'));
    const host = m.world.platform.hosts.resolve(inbox.hostname)!;
    m.world.platform.hosts.register(inbox.hostname, {
      async request(req) {
        const res = await host.request(req);
        if (!globexIsOld || !req.path.startsWith(inbox.pathname) || !res.body.startsWith('{')) return res;
        const answer = JSON.parse(res.body) as { envelope?: Envelope & { body: { accepts?: unknown } } };
        if (answer.envelope?.kind !== 'profile') return res;
        delete answer.envelope.body.accepts;
        return { ...res, body: signEnvelope(answer.envelope, secret) };
      },
    });
    const profile = {
      name: 'Globex', site: m.globex.site.installation.siteUrl, contacts: [],
      catalog: { statuses: ['To Do', 'In Progress', 'Done'], priorities: ['High', 'Medium'], issueTypes: ['Task'] },
    };
    const env = { v: PROTOCOL_VERSION, connectionId: m.connectionId, messageId: randomUUID(), sentAt: m.clock.now(), pairId: null, seq: null, kind: 'profile', body: { profile, reply: false } } as Envelope;
    const res = await postToInbox(m.world, m.acme, signEnvelope(env, secret));
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }

  before(async () => {
    m = await startMirror({ seeds: { acme: () => demoSeed('acme'), globex: () => demoSeed('globex') } });
    await m.saveRule(m.acme, (r) => {
      for (const f of WITHHELD) r.fields[f] = { direction: 'out' };
    });
    await m.saveRule(m.globex, (r) => {
      for (const f of WITHHELD) r.fields[f] = { direction: 'in' };
    });
    await globexSpeaksAsOldVersion();
    const sources: IssueRef[] = [];
    for (let i = 0; i < ISSUES; i++) {
      sources.push(await m.acme.createIssue({ summary: `Invoice run ${i + 1} fails`, components: [{ name: 'Billing' }], timetracking: { originalEstimate: '2h' } }));
    }
    await m.settle();
    for (const source of sources) {
      const mirror = await m.partnerOf(m.acme, source);
      issues.push({ source, mirror });
      await m.acme.addComment(source.key, `Customer called about ${source.key}`);
    }
    await m.settle();
  });
  after(() => m.close());

  test('the old partner got every issue without the parts it does not read', async () => {
    assert.equal(issues.length, ISSUES);
    for (const { mirror } of issues) {
      const there = await copy(mirror);
      assert.deepEqual([there.components, there.estimate], [[], null], mirror.key);
      assert.equal((await m.globex.comments(mirror.key)).length, 1);
    }
    // acme's audit says what went, and what it held back from the old version.
    const creates = m.acme.site.installation.store.all('entity:liaison-audit-entry')
      .map((r) => (JSON.parse(r.value) as { record: { action: string; subject: string; detail: string } }).record)
      .filter((a) => a.action === 'fields-sent' && a.subject === issues[0]!.source.key && a.detail.includes('summary'));
    assert.equal(creates.length, 1, JSON.stringify(creates));
    assert.doesNotMatch(creates[0]!.detail.split(';')[0]!, /components|timeoriginalestimate/, 'fields listed as sent are the ones that went');
    assert.match(creates[0]!.detail, /held back \(the partner's version does not read them\): components, timeoriginalestimate/);
  });

  test('once it upgrades, every copy gets them, a page every 30 s, each pair once; an edit during the re-send arrives', async () => {
    const sentBefore = m.acme.recorder.entries({ kind: 'egress' }).length;
    const upgradedAt = m.clock.now();
    // globex's admin approves the new version; its profile (with what it reads) reaches acme.
    globexIsOld = false;
    await m.globex.admin('admin/connections/refresh-profile', { connectionId: m.connectionId });
    await m.runDue();
    const firstPage = await received();
    assert.equal(firstPage.length, RESEND_PAGE_SIZE, 'the first page goes at once, the rest waits');
    const waiting = issues.find((i) => !firstPage.includes(i.mirror.key))!;

    await m.clock.advance(RESEND_GAP_S * 1000 - 1000);
    await m.runDue();
    assert.deepEqual((await copy(waiting.mirror)).components, [], 'the second page waits its 30 s');
    // An edit on acme while the second page waits.
    await m.acme.edit(waiting.source.key, { summary: 'Invoice run fails for every customer' });
    await m.settle();

    for (const { mirror } of issues) {
      const there = await copy(mirror);
      assert.deepEqual([there.components, there.estimate], [['Billing'], 2 * 3600], mirror.key);
      assert.equal((await m.globex.comments(mirror.key)).length, 1, `${mirror.key}: the comment is not sent again`);
    }
    assert.equal((await copy(waiting.mirror)).summary, 'Invoice run fails for every customer');
    // Since the upgrade, each pair sent its components once, by the re-send (acme's audit of what it
    // sent), though Forge may deliver a page twice (the sandbox does, seeded).
    const sentParts = m.acme.site.installation.store.all('entity:liaison-audit-entry')
      .map((r) => (JSON.parse(r.value) as { record: { at: number; action: string; subject: string; detail: string } }).record)
      .filter((a) => a.at >= upgradedAt && a.action === 'fields-sent' && a.detail.includes('components'));
    assert.deepEqual(sentParts.map((a) => a.subject).sort(), issues.map((i) => i.source.key).sort());
    const errors = await m.acme.admin<unknown[]>('admin/errors/list', { connectionId: m.connectionId });
    assert.deepEqual(errors, []);
    assert.ok(m.acme.recorder.entries({ kind: 'egress' }).length > sentBefore);
  });
});
