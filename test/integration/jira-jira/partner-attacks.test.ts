// A hostile but authenticated partner (globex holds the real connection secret and signs what it
// likes) against acme, which also mirrors its project to the ServiceNow instance initech. Every
// attack goes through acme's real partner-inbox web trigger; each is refused with a clear code,
// and nothing changes: acme's issue, its pairs, and nothing is sent back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SandboxWorld } from '../../../sandbox/world';
import { SandboxClock } from '../../../sandbox/platform';
import { connectDemo, demoRule } from '../../../sandbox/demo/liaison-demo';
import { ENTITY } from '../../../src/adapters/forge/entities';
import { connectionId as toConnectionId, localIssueId } from '../../../src/core/ids';
import { derivePairId } from '../../../src/core/sync/pair-id';
import { appRoot } from '../../support/paths';
import { INTEGRATION_USER } from '../servicenow/support';
import { snRule } from '../servicenow/app-world';
import { connectionSecret, postToInbox, replicaBody, signed, signedBatch, text } from './attack-support';
import { SiteHandle, T0, type IssueRef } from './support';

describe('a hostile partner with the real secret cannot reach past its own connection', () => {
  let world: SandboxWorld;
  let clock: SandboxClock;
  let acme: SiteHandle;
  let jiraConn: string;
  let snConn: string;
  let issue: IssueRef;
  const as = () => ({ connectionId: jiraConn, secret: connectionSecret(acme, jiraConn), now: clock.now() });

  /** Everything an attack must not change on acme: the issue, every pair, every outgoing call. */
  async function acmeState() {
    const fields = (await acme.issue(issue.key, 'summary,description,labels,status')).fields;
    const pairs = acme.site.installation.store.all(`entity:${ENTITY.pair}`).map((r) => [r.key, r.value]);
    const sent = acme.recorder.entries({ kind: 'egress' }).length;
    const links = (await acme.remoteLinks(issue.key)).length;
    return { fields, pairs, sent, links };
  }

  before(async () => {
    clock = new SandboxClock({ mode: 'manual', start: T0 });
    world = await SandboxWorld.start({ appDir: appRoot, sites: [{ name: 'acme' }, { name: 'globex' }], clock, servicenow: [{ name: 'initech' }] });
    acme = new SiteHandle(world, 'acme');
    jiraConn = (await connectDemo(world)).connectionId;
    const sn = world.serviceNow.get('initech')!;
    snConn = (await acme.admin<{ connectionId: string }>('admin/connections/servicenow', { instanceUrl: sn.instanceUrl, table: 'incident', auth: { kind: 'basic', ...INTEGRATION_USER } })).connectionId;
    await acme.admin('admin/rules/save', { rule: snRule(snConn, acme.project), comment: 'ServiceNow' });
    // acme shares only issues labelled "shared" with globex, each once an agent starts it.
    await acme.admin('admin/rules/save', { rule: { ...demoRule(jiraConn, acme.project), scope: { labels: ['shared'], manualStart: true } }, comment: 'scope' });
    await world.settle();
    issue = await acme.createIssue({ summary: 'Bound: payroll export fails', labels: ['shared'] });
    await world.settle();
  });
  after(() => world.close());

  test('the ServiceNow connection mirrors the issue (the pair the attacks aim at exists)', async () => {
    const snPairId = derivePairId(toConnectionId(snConn), 'inviter', localIssueId(issue.id));
    const keys = acme.site.installation.store.all(`entity:${ENTITY.pair}`).map((r) => JSON.parse(r.value) as { record: { pairId: string; connectionId: string } });
    assert.ok(keys.some((p) => p.record.pairId === snPairId && p.record.connectionId === snConn), 'acme holds the ServiceNow pair');
  });

  test("a replica naming the ServiceNow connection's pair id is refused (403 foreign-pair), audited, and changes nothing", async () => {
    const snPairId = derivePairId(toConnectionId(snConn), 'inviter', localIssueId(issue.id));
    const before = await acmeState();
    const body = replicaBody({ issueId: '99999', issueKey: 'GLX-999', projectKey: 'GLX' }, { summary: text('pwned through the other connection') }, clock.now());
    const res = await postToInbox(world, acme, signed('replica', as(), snPairId, 7, body));
    assert.equal(res.status, 403);
    assert.equal(res.body.error, 'foreign-pair');
    await world.settle();
    assert.deepEqual(await acmeState(), before);
    const audit = await acme.admin<{ items: Array<{ action: string; detail: string }> }>('admin/audit/list', { connectionId: jiraConn });
    assert.ok(audit.items.some((e) => e.action === 'message-refused' && e.detail.includes(snPairId)), 'the admin sees the attempt');
  });

  test('an ack, an unlink and a batch item naming that pair are refused the same way; the ServiceNow pair stays live', async () => {
    const snPairId = derivePairId(toConnectionId(snConn), 'inviter', localIssueId(issue.id));
    const before = await acmeState();
    const ack = { ackOf: 'x', status: 'applied', issueId: '1', issueKey: 'EVIL-1', issueUrl: 'https://evil.example/browse/EVIL-1', errors: [], dropped: [] };
    const ackRes = await postToInbox(world, acme, signed('ack', as(), snPairId, 1, ack));
    assert.deepEqual([ackRes.status, ackRes.body.error], [403, 'foreign-pair']);
    const unlinkRes = await postToInbox(world, acme, signed('unlink', as(), snPairId, 9, { reason: 'deleted' }));
    assert.deepEqual([unlinkRes.status, unlinkRes.body.error], [403, 'foreign-pair']);
    const item = signed('replica', as(), snPairId, 8, replicaBody({ issueId: '99999', issueKey: 'GLX-999', projectKey: 'GLX' }, { summary: text('pwned in a batch') }, clock.now()));
    const batch = await postToInbox(world, acme, signedBatch(as(), [item]));
    assert.equal(batch.status, 200);
    const [result] = (batch.body as unknown as { results: Array<{ status: number; body: string }> }).results;
    assert.deepEqual([result?.status, (JSON.parse(result!.body) as { error: string }).error], [403, 'foreign-pair']);
    await world.settle();
    assert.deepEqual(await acmeState(), before, 'issue, pairs (the ServiceNow one still live) and outgoing calls unchanged');
  });

  test('linkTo an issue outside the scope is refused like a missing one; nothing is applied or sent back', async () => {
    const hidden = await acme.createIssue({ summary: 'Bound: internal only' });
    await world.settle();
    const before = { hidden: (await acme.issue(hidden.key, 'summary,description')).fields, sent: acme.recorder.entries({ kind: 'egress' }).length };
    const pairId = `p-attack-${hidden.key}`;
    const body = replicaBody({ issueId: '88888', issueKey: 'GLX-888', projectKey: 'GLX' }, { summary: text('overwritten by the partner') }, clock.now(), { linkTo: { issueKey: hidden.key } });
    const res = await postToInbox(world, acme, signed('replica', as(), pairId, 1, body));
    const missing = await postToInbox(world, acme, signed('replica', as(), `${pairId}-2`, 1, { ...body, linkTo: { issueKey: 'ACME-9999' } }));
    assert.deepEqual([res.status, res.body.error], [422, 'create-refused']);
    assert.equal(res.body.message?.replace(hidden.key, 'X'), missing.body.message?.replace('ACME-9999', 'X'), 'the same answer as for an issue that does not exist');
    await world.settle();
    assert.deepEqual((await acme.issue(hidden.key, 'summary,description')).fields, before.hidden);
    assert.equal(acme.recorder.entries({ kind: 'egress' }).length, before.sent, 'no catch-up: nothing of the issue left acme');
  });

  test('linkTo an in-scope issue becomes a link request: 409 link-pending, the issue untouched, nothing sent back', async () => {
    const target = await acme.createIssue({ summary: 'Bound: shared, but not yours to take', labels: ['shared'] });
    await world.settle();
    const before = { fields: (await acme.issue(target.key, 'summary')).fields, sent: acme.recorder.entries({ kind: 'egress' }).length };
    const body = replicaBody({ issueId: '77777', issueKey: 'GLX-777', projectKey: 'GLX' }, { summary: text('taken over') }, clock.now(), { linkTo: { issueKey: target.key } });
    const res = await postToInbox(world, acme, signed('replica', as(), `p-request-${target.key}`, 1, body));
    assert.deepEqual([res.status, res.body.error], [409, 'link-pending']);
    await world.settle();
    assert.deepEqual((await acme.issue(target.key, 'summary')).fields, before.fields);
    assert.equal(acme.recorder.entries({ kind: 'egress' }).length, before.sent);
    const requests = await acme.admin<Array<{ localIssueKey: string; partnerIssueKey: string }>>('admin/link-requests/list');
    assert.ok(requests.some((r) => r.localIssueKey === target.key && r.partnerIssueKey === 'GLX-777'), 'the admin page lists it');
    const panel = await acme.panelView(target);
    assert.deepEqual(panel.linkRequests?.map((r) => r.partnerIssueKey), ['GLX-777'], 'the issue panel shows it');
  });

  test('a partner create outside the scope (no "shared" label) is refused; no issue is created', async () => {
    const count = (await acme.search(`project = ${acme.project}`)).length;
    const body = { ...replicaBody({ issueId: '66666', issueKey: 'GLX-666', projectKey: 'GLX' }, { summary: text('Bound: smuggled in') }, clock.now()), create: true };
    const res = await postToInbox(world, acme, signed('replica', as(), 'p-smuggled', 1, body));
    assert.deepEqual([res.status, res.body.error], [422, 'create-refused']);
    assert.match(String(res.body.message), /scope/);
    await world.settle();
    assert.equal((await acme.search(`project = ${acme.project}`)).length, count);
  });

  test('hostile bodies get 400 with a reason, never 500, before any verification work', async () => {
    const deep = `{"envelope":{"v":1,"connectionId":${JSON.stringify(jiraConn)},"messageId":"m","body":${'['.repeat(50_000)}${']'.repeat(50_000)}},"sig":"00"}`;
    const wide = `{"envelope":{"v":1,"connectionId":${JSON.stringify(jiraConn)},"messageId":"m","body":[${Array.from({ length: 60_000 }, () => '0').join(',')}]},"sig":"00"}`;
    for (const [name, body] of [['deep', deep], ['wide', wide], ['array', '[1,2,3]'], ['number', '42'], ['null', 'null'], ['string', '"hello"'], ['not json', '{"envelope":']] as const) {
      const res = await postToInbox(world, acme, body);
      assert.equal(res.status, 400, `${name}: ${JSON.stringify(res.body).slice(0, 200)}`);
      assert.equal(res.body.error, 'malformed', name);
      assert.ok(String(res.body.message).length > 0, `${name} says why`);
    }
    const deepRes = await postToInbox(world, acme, deep);
    assert.match(String(deepRes.body.message), /nested deeper than/);
  });

  test('a rule whose create target does not exist is refused on save, naming the path', async () => {
    const rule = { ...demoRule(jiraConn, acme.project), incoming: { ...demoRule(jiraConn, acme.project).incoming, create: { projectKey: 'NOPE', issueType: 'Task' } } };
    const res = await acme.adminResult('admin/rules/save', { rule, comment: 'bad target' });
    assert.equal(res.ok ? 'saved' : res.error.code, 'invalid-rule');
    assert.ok(!res.ok && res.error.details?.some((d) => d.path === 'incoming.create.projectKey' && /NOPE does not exist/.test(d.message)), JSON.stringify(res));
  });
});
