// Reading Jira Service Management: a project whose rules send no service desk data costs nothing more;
// one that does gets the request type, participants and SLAs in the issue's one GET (and the bulk
// search) as fields whose ids the rule's save found by their schema, never a request read per change;
// JSM's SlaInformation becomes the replica's SLA; an SLA with no goal is left out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { JiraTracker } from '../../../../src/adapters/jira';
import { readPlanFor } from '../../../../src/adapters/jira/read-plan';
import { toSla } from '../../../../src/adapters/jira/service-desk';
import { serviceDeskFieldIdsOf } from '../../../../src/adapters/jira/service-desk-fields';
import { localIssueId } from '../../../../src/core/ids';
import type { IssueSnapshot } from '../../../../src/core/replica/snapshot';
import { parseRule } from '../../../../src/core/rules/parse-rule';
import type { SharingRuleInput } from '../../../../src/core/rules/schema';
import { withServiceDeskFieldIds } from '../../../../src/core/rules/service-desk-rule';
import { FakeJiraHttp, reply } from './support/fake-jira-http';
import { agentOne, issueBean } from './support/payloads';

const rule = (extra: Partial<SharingRuleInput> = {}) => {
  const parsed = parseRule({ connectionId: 'c', projectKey: 'ALPHA', fields: { summary: { direction: 'both', conflict: 'latest' } }, ...extra });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  return parsed.value;
};
const HOUR = 3_600_000;
const T = Date.UTC(2030, 0, 7, 9);
const site = 'https://acme.atlassian.net';

// Ids as a site other than the emulator's default numbers them (ids differ per Jira Cloud site).
const IDS = { requestType: 'customfield_10310', participants: 'customfield_10311', sla: ['customfield_10400', 'customfield_10401'] };
const sends = (ids: typeof IDS | undefined = IDS, privacy: 'displayName' | 'displayNameAndEmail' = 'displayName') =>
  rule({ outgoing: { userPrivacy: privacy, serviceDesk: { requestType: true, participants: true, sla: true, ...(ids ? { fieldIds: ids } : {}) } } });

const date = (ms: number) => ({ iso8601: new Date(ms).toISOString().replace('.000Z', '+0000'), jira: new Date(ms).toISOString().replace('Z', '+0000'), friendly: 'Today 09:00', epochMillis: ms });
const duration = (ms: number) => ({ millis: ms, friendly: `${Math.round(ms / 60_000)}m` });
// The values as GET /rest/api/3/issue renders them on a service desk project (shapes: sandbox/platform/README.md, JSM section).
const jsmFields = () => ({
  project: { self: `${site}/rest/api/3/project/10000`, id: '10000', key: 'ACME', name: 'Acme Support', projectTypeKey: 'service_desk', simplified: false },
  [IDS.requestType]: {
    _links: { jiraRest: `${site}/rest/api/2/issue/10001`, web: `${site}/servicedesk/customer/portal/1/ACME-1`, self: `${site}/rest/servicedeskapi/request/10001` },
    requestType: { id: '2', name: 'Report a bug', description: '', helpText: '', serviceDeskId: '1', groupIds: [], _links: { self: `${site}/rest/servicedeskapi/servicedesk/1/requesttype/2` } },
    currentStatus: { status: 'In Progress', statusCategory: 'INDETERMINATE', statusDate: date(T - HOUR) },
  },
  [IDS.participants]: [agentOne],
  [IDS.sla[0]!]: {
    id: '1', name: 'Time to first response', _links: { self: `${site}/rest/servicedeskapi/request/10001/sla/1` },
    completedCycles: [{ startTime: date(T - 2 * HOUR), stopTime: date(T - HOUR), breached: false, goalDuration: duration(4 * HOUR), elapsedTime: duration(HOUR), remainingTime: duration(3 * HOUR) }],
  },
  [IDS.sla[1]!]: {
    id: '2', name: 'Time to resolution', _links: { self: `${site}/rest/servicedeskapi/request/10001/sla/2` }, completedCycles: [],
    ongoingCycle: { startTime: date(T - 2 * HOUR), breachTime: date(T + 22 * HOUR), breached: false, paused: false, withinCalendarHours: true, goalDuration: duration(24 * HOUR), elapsedTime: duration(2 * HOUR), remainingTime: duration(22 * HOUR) },
  },
});
const requestPath = /\/rest\/servicedeskapi\/request\/10001$/;
const requestAnswer = { issueId: '10001', issueKey: 'ACME-1', serviceDeskId: '1', requestType: { id: '2', name: 'Report a bug' }, participants: { values: [] }, sla: { values: [] } };

describe('service desk reads', () => {
  test('only a rule that sends request type, participants or SLAs reads them, with the ids its save kept', () => {
    assert.equal(readPlanFor([rule()]).serviceDesk, undefined);
    assert.equal(readPlanFor([rule({ incoming: { serviceDesk: { requestType: true, participants: true } } })]).serviceDesk, undefined, 'taking them in needs no read');
    assert.deepEqual(readPlanFor([rule(), rule({ outgoing: { serviceDesk: { sla: true } } })]).serviceDesk, {}, 'a rule saved before the ids were kept');
    assert.deepEqual(readPlanFor([rule({ outgoing: { serviceDesk: { sla: true } } }), sends()]).serviceDesk, { fieldIds: IDS });
  });

  test('the ids are found in /field by their custom type, whatever the site numbers them', () => {
    const field = (id: string, custom?: string) => ({ id, name: id, custom: Boolean(custom), schema: custom ? { type: 'any', custom, customId: Number(id.slice(12)) } : { type: 'string', system: id } });
    const list = [field('summary'), field('customfield_10020', 'com.atlassian.jira.plugin.system.customfieldtypes:textfield'), field(IDS.sla[0]!, 'com.atlassian.servicedesk:sd-sla-field'), field(IDS.requestType, 'com.atlassian.servicedesk:vp-origin'), field(IDS.participants, 'com.atlassian.servicedesk:sd-request-participants'), field(IDS.sla[1]!, 'com.atlassian.servicedesk:sd-sla-field')];
    assert.deepEqual(serviceDeskFieldIdsOf(list), IDS);
    assert.equal(serviceDeskFieldIdsOf(list.slice(0, 2)), null, 'a site without service desks');
  });

  test("a rule's save keeps the tracker's ids, never the input's, and only when it sends service desk data", async () => {
    const forged = sends({ requestType: 'customfield_1', participants: 'customfield_2', sla: [] });
    assert.deepEqual((await withServiceDeskFieldIds(forged, async () => IDS)).outgoing.serviceDesk.fieldIds, IDS);
    assert.equal((await withServiceDeskFieldIds(forged, async () => null)).outgoing.serviceDesk.fieldIds, undefined);
    let asked = 0;
    assert.equal((await withServiceDeskFieldIds(rule(), async () => (asked++, IDS))).outgoing.serviceDesk.fieldIds, undefined);
    assert.equal(asked, 0);
  });

  test('one issue GET carries the request type, participants (privacy as the rule says) and SLAs: no request read', async () => {
    const http = new FakeJiraHttp().on('GET', /\/rest\/api\/3\/issue\/10001$/, reply(200, issueBean(jsmFields())));
    const snap = (await new JiraTracker({ http, read: readPlanFor([sends()]) }).getIssue(localIssueId('10001')))!;
    assert.deepEqual(http.sent.map((s) => s.path), ['/rest/api/3/issue/10001']);
    const asked = http.sent[0]!.url.searchParams.get('fields')!.split(',');
    for (const id of [IDS.requestType, IDS.participants, ...IDS.sla]) assert.ok(asked.includes(id), id);
    assert.equal(snap.serviceDesk?.requestType, 'Report a bug');
    assert.deepEqual(snap.serviceDesk?.participants, [{ accountId: agentOne.accountId, displayName: 'Acme Agent One' }], 'no email under displayName');
    assert.deepEqual(snap.serviceDesk?.sla.map((s) => [s.name, s.state, s.goalMs, s.breachAt]), [['Time to first response', 'met', 4 * HOUR, null], ['Time to resolution', 'running', 24 * HOUR, T + 22 * HOUR]]);
    const withEmail = (await new JiraTracker({ http, read: readPlanFor([sends(IDS, 'displayNameAndEmail')]) }).getIssue(localIssueId('10001')))!;
    assert.equal(withEmail.serviceDesk?.participants[0]?.email, agentOne.emailAddress);
  });

  test('an issue of a project that is no service desk has no service desk part, and costs no more', async () => {
    const nulls = Object.fromEntries([IDS.requestType, IDS.participants, ...IDS.sla].map((id) => [id, null]));
    const http = new FakeJiraHttp().on('GET', /\/rest\/api\/3\/issue\/10001$/, reply(200, issueBean(nulls)));
    const snap = (await new JiraTracker({ http, read: readPlanFor([sends()]) }).getIssue(localIssueId('10001')))!;
    assert.equal(snap.serviceDesk, undefined);
    assert.equal(http.count(), 1);
  });

  test('the bulk search carries the same fields: equal snapshots, no request read per issue', async () => {
    const bean = issueBean(jsmFields());
    const http = new FakeJiraHttp()
      .on('POST', /\/rest\/api\/3\/search\/jql$/, reply(200, { issues: [bean], isLast: true }))
      .on('GET', /\/rest\/api\/3\/issue\/10001$/, reply(200, bean));
    const tracker = new JiraTracker({ http, read: readPlanFor([sends()]) });
    const many = (await tracker.getIssues([localIssueId('10001')]))!;
    assert.deepEqual(http.sent.map((s) => s.path), ['/rest/api/3/search/jql']);
    assert.ok(IDS.sla.every((id) => (http.sent[0]!.json as { fields: string[] }).fields.includes(id)));
    const one = await tracker.getIssue(localIssueId('10001'));
    // Equal but for `readAt`, the moment of each read.
    const unstamped = (d: IssueSnapshot | null | undefined) => ({ ...d!.serviceDesk!, sla: d!.serviceDesk!.sla.map(({ readAt: _at, ...s }) => s) });
    assert.deepEqual(unstamped(many.get('10001')), unstamped(one));
    assert.equal(many.get('10001')!.serviceDesk!.sla.length, 2);
  });

  test('ids the answer lacks (a field gone, a rule saved before ids were kept) fall back to the request read', async () => {
    const stale = jsmFields();
    delete stale[IDS.participants];
    const http = new FakeJiraHttp().on('GET', /\/rest\/api\/3\/issue\/10001$/, reply(200, issueBean(stale))).on('GET', requestPath, reply(200, requestAnswer));
    const warn = console.warn;
    console.warn = () => {};
    try {
      const snap = (await new JiraTracker({ http, read: readPlanFor([sends()]) }).getIssue(localIssueId('10001')))!;
      assert.deepEqual(http.sent.map((s) => s.path), ['/rest/api/3/issue/10001', '/rest/servicedeskapi/request/10001']);
      assert.equal(snap.serviceDesk?.requestType, 'Report a bug');
    } finally {
      console.warn = warn;
    }
    http.sent.length = 0;
    await new JiraTracker({ http, read: readPlanFor([sends(undefined)]) }).getIssue(localIssueId('10001'));
    assert.deepEqual(http.sent.map((s) => s.path), ['/rest/api/3/issue/10001', '/rest/servicedeskapi/request/10001']);
  });

  test('SLA cycles become running, paused, met or breached', () => {
    const goal = { millis: 4 * HOUR, friendly: '4h' };
    assert.deepEqual(toSla({ name: 'TTFR', ongoingCycle: { breached: false, paused: false, breachTime: { epochMillis: T + HOUR }, goalDuration: goal, remainingTime: { millis: HOUR } } }, T), { name: 'TTFR', goalMs: 4 * HOUR, state: 'running', breachAt: T + HOUR, remainingMs: HOUR, readAt: T });
    assert.equal(toSla({ name: 'TTFR', ongoingCycle: { paused: true, goalDuration: goal, remainingTime: { millis: HOUR } } }, T)?.state, 'paused');
    assert.equal(toSla({ name: 'TTFR', completedCycles: [{ breached: true, goalDuration: goal, remainingTime: { millis: -HOUR } }] }, T)?.state, 'breached');
    assert.equal(toSla({ name: 'TTFR', completedCycles: [{ breached: false, goalDuration: goal, remainingTime: { millis: HOUR } }] }, T)?.state, 'met');
    assert.equal(toSla({ name: 'No goal', completedCycles: [] }, T), null);
  });
});
