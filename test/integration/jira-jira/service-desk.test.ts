// Jira Service Management fields between two service desks: given acme and globex whose projects are
// service desks with request types of their own names, and rules that share request type,
// participants, SLAs and comments (internal ones kept home), when agents work a request on one
// side, then the other shows it mapped, the customer-visible/internal split holds, people cross
// only as the privacy setting allows, and the SLA shows on the partner's panel without being written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSeed } from '../../../sandbox/jira';
import { withServiceDesk } from '../../../sandbox/jira/jsm/demo-desk';
import { REQUEST_TYPE_FIELD } from '../../../sandbox/jira/jsm/model';
import { demoRule } from '../../../sandbox/demo/liaison-demo';
import type { RuleView } from '../../../src/shared/resolver-contract';
import { startMirror, type IssueRef, type Mirror, type SiteHandle } from './support';

const HOUR = 3_600_000;
const acmeAgent = defaultSeed('acme').users[1]!;
const globexAgent = defaultSeed('globex').users[1]!;
type Request = { requestType?: { name: string }; participants: { values: Array<{ accountId: string; displayName: string }> }; sla: { values: unknown[] } };

const GLOBEX_FIELD_IDS = { requestType: 'customfield_10410', participants: 'customfield_10411', slaFrom: 10500 };
const calls = (site: SiteHandle) => site.recorder.entries({ kind: 'product' }).map((e) => `${e.method} ${e.path.split('?')[0]}`);

const request = (site: SiteHandle, key: string) => site.rest<Request>('GET', `/rest/servicedeskapi/request/${key}?expand=requestType,participant,sla`);

describe('Jira Service Management fields between two service desks', () => {
  let m: Mirror;
  let source: IssueRef;
  let mirror: IssueRef;

  before(async () => {
    m = await startMirror({
      seeds: {
        acme: (s) => withServiceDesk(s, ['Get IT help', 'Report a bug', 'Request new hardware']),
        // Jira Cloud sites number the JSM fields differently: globex's ids are not acme's, so an id
        // written into the code instead of found by the field's schema reads nothing on one of them.
        globex: (s) => ({ ...withServiceDesk(s, ['IT support', 'Bug report', 'Hardware request']), serviceDeskFieldIds: GLOBEX_FIELD_IDS }),
      },
    });
    // acme keeps its people's emails home; globex shares them, and acme maps globex's agent explicitly.
    await m.saveRule(m.acme, (r) => ({
      ...r,
      outgoing: { ...r.outgoing, userPrivacy: 'displayName', serviceDesk: { requestType: true, participants: true, sla: true } },
      incoming: { ...r.incoming, serviceDesk: { requestType: true, participants: true, requestTypes: { 'Bug report': 'Report a bug', 'Hardware request': 'Request new hardware' } }, users: { matchByEmail: true, defaultAccountId: null, map: { [globexAgent.emailAddress!]: acmeAgent.accountId } } },
    }));
    await m.saveRule(m.globex, (r) => ({
      ...r,
      outgoing: { ...r.outgoing, serviceDesk: { requestType: true, participants: true, sla: true } },
      incoming: { ...r.incoming, serviceDesk: { requestType: true, participants: true, requestTypes: { 'Report a bug': 'Bug report', 'Request new hardware': 'Hardware request' } } },
    }));
    await m.settle();
    ({ source, mirror } = await m.createMirrored(m.acme, { summary: 'Laptop will not boot', [REQUEST_TYPE_FIELD]: '2' }));
  });
  after(() => m.close());

  test('the request type arrives mapped by name, and a change follows', async () => {
    assert.equal((await request(m.globex, mirror.key)).requestType?.name, 'Bug report');
    await m.acme.edit(source.key, { [REQUEST_TYPE_FIELD]: '3' });
    await m.settle();
    assert.equal((await request(m.globex, mirror.key)).requestType?.name, 'Hardware request');
    assert.equal((await request(m.acme, source.key)).requestType?.name, 'Request new hardware', 'no echo moved it back');
  });

  test('an internal comment stays internal; a public reply arrives public', async () => {
    await m.acme.rest('POST', `/rest/servicedeskapi/request/${source.key}/comment`, { body: 'Asked the vendor for a quote (margin 40%)', public: false });
    await m.acme.rest('POST', `/rest/servicedeskapi/request/${source.key}/comment`, { body: 'We are on it', public: true }, acmeAgent.accountId);
    await m.settle();
    const comments = await m.globex.comments(mirror.key);
    assert.ok(!comments.some((c) => c.text.includes('margin')), 'the internal note never left acme');
    const reply = comments.find((c) => c.text.endsWith('We are on it'));
    assert.equal(reply?.internal, false);
  });

  test('participants cross only as privacy allows: names without emails are reported, mapped people are added', async () => {
    await m.acme.rest('POST', `/rest/servicedeskapi/request/${source.key}/participant`, { accountIds: [acmeAgent.accountId] });
    await m.settle();
    assert.deepEqual((await request(m.globex, mirror.key)).participants.values, [], 'no account was guessed from a name');
    const view = await m.globex.panelView(mirror);
    const reported = view.links[0]!.errors.find((e) => e.field === 'participants');
    assert.equal(reported?.value, acmeAgent.displayName);
    assert.doesNotMatch(JSON.stringify(view), new RegExp(acmeAgent.emailAddress!.replace('.', '\\.')), "acme's email never reached globex");

    await m.globex.rest('POST', `/rest/servicedeskapi/request/${mirror.key}/participant`, { accountIds: [globexAgent.accountId] });
    await m.settle();
    const here = (await request(m.acme, source.key)).participants.values.map((p) => p.accountId);
    assert.deepEqual(here, [acmeAgent.accountId], 'globex agent mapped to the acme agent, who is there already');
    await m.globex.rest('DELETE', `/rest/servicedeskapi/request/${mirror.key}/participant`, { accountIds: [globexAgent.accountId] });
    await m.settle();
    assert.deepEqual((await request(m.acme, source.key)).participants.values, [], 'the partner removed its participant: ours (mapped to it) goes too');
  });

  test("acme's SLAs show on globex's panel through the panel resolver, never written into globex's issue", async () => {
    const link = (await m.globex.panelView(mirror)).links[0]!;
    const sla = link.partnerSla ?? [];
    assert.deepEqual(sla.map((s) => s.name), ['Time to first response', 'Time to resolution']);
    // The public reply above stopped acme's first-response clock within its 4 h goal.
    assert.equal(sla[0]!.state, 'met');
    assert.equal(sla[1]!.state, 'running');
    assert.equal(sla[1]!.goalMs, 24 * HOUR);
    assert.ok(sla[1]!.breachAt! > m.clock.now(), 'counts down to a breach time still ahead');
    const issue = await m.globex.issue(mirror.key);
    // globex's own SLA fields (it is a service desk too) name its own metrics; no other field names one.
    const own = (await m.globex.rest<Array<{ id: string; schema?: { custom?: string } }>>('GET', '/rest/api/3/field')).filter((f) => f.schema?.custom === 'com.atlassian.servicedesk:sd-sla-field').map((f) => f.id);
    assert.equal(own.length, 2);
    const others = Object.fromEntries(Object.entries(issue.fields).filter(([id]) => !own.includes(id)));
    assert.doesNotMatch(JSON.stringify(others), /Time to (first response|resolution)/);
    assert.deepEqual((await m.globex.comments(mirror.key)).filter((c) => /SLA|Time to/.test(c.text)), []);
  });

  test('cost: an edit reads only the issue on acme, its request type, participants and SLAs riding along, and writes only the change on globex', async () => {
    await m.afterMaintenance();
    m.acme.recorder.reset();
    m.globex.recorder.reset();
    await m.acme.edit(source.key, { summary: 'Laptop will not boot (counted)' });
    await m.settle();
    assert.deepEqual(calls(m.acme).filter((c) => c.startsWith('GET')), [`GET /rest/api/3/issue/${source.id}`]);
    assert.deepEqual(calls(m.globex).filter((c) => !c.startsWith('GET')), [`PUT /rest/api/3/issue/${mirror.id}`]);
    // globex's own rule sends its request too: the apply's one read of its issue carries it (its own field ids).
    assert.deepEqual(calls(m.globex).filter((c) => c.startsWith('GET')), [`GET /rest/api/3/issue/${mirror.id}`]);
    const read = m.globex.recorder.entries({ kind: 'product' }).find((e) => e.method === 'GET')!;
    const asked = new URLSearchParams(read.path.split('?')[1]).get('fields')!.split(',');
    for (const id of [GLOBEX_FIELD_IDS.requestType, GLOBEX_FIELD_IDS.participants, `customfield_${GLOBEX_FIELD_IDS.slaFrom}`]) assert.ok(asked.includes(id), `globex's read asks for ${id}`);
    assert.ok(!asked.includes(REQUEST_TYPE_FIELD), "not acme's id");
  });

  test('cost: a request type change is one read on acme and one PUT on globex (desk, types and field id from its metadata)', async () => {
    await m.afterMaintenance();
    m.acme.recorder.reset();
    m.globex.recorder.reset();
    await m.acme.edit(source.key, { [REQUEST_TYPE_FIELD]: '2' });
    await m.settle();
    assert.equal((await request(m.globex, mirror.key)).requestType?.name, 'Bug report');
    assert.deepEqual(calls(m.acme).filter((c) => c.startsWith('GET')), [`GET /rest/api/3/issue/${source.id}`]);
    assert.deepEqual(calls(m.globex), [`GET /rest/api/3/issue/${mirror.id}`, `PUT /rest/api/3/issue/${mirror.id}`]);
    // Back as the later tests expect it.
    await m.acme.edit(source.key, { [REQUEST_TYPE_FIELD]: '3' });
    await m.settle();
  });

  test("each side's rule editor offers the partner's request types, from the partner's profile", async () => {
    const choices = async (site: SiteHandle) => (await site.admin<RuleView>('admin/rules/get', { connectionId: m.connectionId, projectKey: site.project })).choices?.partner as { requestTypes?: string[] } | null | undefined;
    // Both rules send the request type, so each profile carries its desk's request types (the rule saves sent it).
    assert.deepEqual((await choices(m.globex))?.requestTypes, ['Get IT help', 'Report a bug', 'Request new hardware']);
    assert.deepEqual((await choices(m.acme))?.requestTypes, ['IT support', 'Bug report', 'Hardware request']);
  });

  test('a request type map naming a type this service desk lacks is refused at save, at its row', async () => {
    const rule = demoRule(m.connectionId, m.globex.project);
    const refused = await m.globex.adminResult('admin/rules/save', {
      rule: { ...rule, incoming: { ...rule.incoming, serviceDesk: { requestType: true, requestTypes: { 'Report a bug': 'Bug Report', 'Get IT help': 'Help me' } } } },
      comment: 'typo',
    });
    assert.equal(refused.ok, false);
    const text = JSON.stringify(refused);
    assert.match(text, /"Bug Report\\" is written \\"Bug report\\" in GLX/);
    assert.match(text, /"Help me\\" is not a request type of GLX/);
  });

  test("a participant globex adds arrives on acme once, and acme's own write never goes back as acme's change", async () => {
    const { source: s2, mirror: m2 } = await m.createMirrored(m.acme, { summary: 'Printer jams on tray 2' });
    m.acme.recorder.reset();
    await m.globex.rest('POST', `/rest/servicedeskapi/request/${m2.key}/participant`, { accountIds: [globexAgent.accountId] });
    await m.settle();
    assert.deepEqual((await request(m.acme, s2.key)).participants.values.map((p) => p.accountId), [acmeAgent.accountId], "globex's agent, mapped to acme's");
    // acme's rule sends participants too: it reads them once after its write and records them as sent.
    const sd = m.acme.recorder.entries({ kind: 'product' }).map((e) => `${e.method} ${e.path.split('?')[0]}`).filter((c) => c.includes('/participant'));
    assert.deepEqual(sd, [`POST /rest/servicedeskapi/request/${s2.id}/participant`, `GET /rest/servicedeskapi/request/${s2.id}/participant`]);

    // acme's next change, and the sweep after it, carry nothing of it back (acme shares no emails, so
    // a bounced copy would reach globex as a person it cannot match, reported on its panel).
    await m.acme.edit(s2.key, { summary: 'Printer jams on tray 2 (again)' });
    await m.afterMaintenance();
    assert.equal((await m.globex.issue(m2.key, 'summary')).fields.summary, 'Printer jams on tray 2 (again)');
    assert.deepEqual((await request(m.globex, m2.key)).participants.values.map((p) => p.accountId), [globexAgent.accountId]);
    assert.deepEqual((await m.globex.panelView(m2)).links[0]!.errors.filter((e) => e.field === 'participants'), []);
  });

  test("an SLA that passes its breach time with no issue event shows breached on globex's panel, as of acme's last read", async () => {
    const { mirror: m3 } = await m.createMirrored(m.acme, { summary: 'VPN drops every hour' });
    const before = (await m.globex.panelView(m3)).links[0]!.partnerSla!;
    const firstResponse = before.find((s) => s.name === 'Time to first response')!;
    assert.equal(firstResponse.state, 'running');
    assert.equal(firstResponse.projected, undefined);
    const readAt = firstResponse.readAt;
    // Nobody touches the request; acme's clock passes the 4 h goal a minute ago.
    await m.advance(firstResponse.breachAt! - m.clock.now() + 60_000);
    const after = (await m.globex.panelView(m3)).links[0]!.partnerSla!;
    const breached = after.find((s) => s.name === 'Time to first response')!;
    assert.equal(breached.state, 'breached');
    assert.equal(breached.projected, true, 'worked out on globex from the breach time, not read from acme');
    assert.equal(breached.readAt, readAt, "acme's last read is still the 'as of'");
    assert.ok(breached.remainingMs <= -60_000, `over the goal by at least a minute (${breached.remainingMs})`);
    assert.equal(after.find((s) => s.name === 'Time to resolution')!.state, 'running', 'the 24 h clock still runs');
    // acme's own request agrees: its ongoing cycle is breached.
    const acmeSla = (await request(m.acme, (await m.partnerOf(m.globex, m3)).key)).sla.values as Array<{ name: string; ongoingCycle?: { breached: boolean } }>;
    assert.equal(acmeSla.find((s) => s.name === 'Time to first response')?.ongoingCycle?.breached, true);
  });

  test('a request type the partner has no name for is reported, the rest of the change still applies', async () => {
    await m.acme.edit(source.key, { [REQUEST_TYPE_FIELD]: '1', summary: 'Laptop will not boot after update' });
    await m.settle();
    assert.equal((await m.globex.issue(mirror.key, 'summary')).fields.summary, 'Laptop will not boot after update');
    assert.equal((await request(m.globex, mirror.key)).requestType?.name, 'Hardware request', 'left as it was');
    const errors = (await m.globex.panelView(mirror)).links[0]!.errors.filter((e) => e.field === 'requestType');
    assert.match(errors[0]?.reason ?? '', /unknown request type "Get IT help" \(this service desk has "IT support", "Bug report", "Hardware request"\)/);
  });
});
