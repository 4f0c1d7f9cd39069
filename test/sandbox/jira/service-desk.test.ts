// Jira Service Management on an emulated site: service desks and request types, a customer request
// with its request type, SLAs on the site's clock and participants, and public/internal comments.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSeed } from '../../../sandbox/jira/index';
import { withServiceDesk } from '../../../sandbox/jira/jsm/demo-desk';
import { REQUEST_TYPE_FIELD } from '../../../sandbox/jira/jsm/model';
import { fixture } from './site-fixture';

const HOUR = 3_600_000;

describe('Jira Service Management', () => {
  let clock = Date.parse('2025-03-03T09:00:00Z');
  const f = fixture({ seed: withServiceDesk(defaultSeed('acme')), now: () => clock });
  after(() => f.site.close());
  const events: string[] = [];
  f.site.onEvent((e) => void events.push(e.eventType));

  test('lists the service desk and its request types; the Request Type field is on the field list', async () => {
    const desks = await f.call('GET', '/rest/servicedeskapi/servicedesk');
    assert.equal(desks.status, 200);
    assert.deepEqual(desks.json.values.map((d: { id: string; projectKey: string }) => [d.id, d.projectKey]), [['1', 'ACME']]);
    const types = await f.call('GET', '/rest/servicedeskapi/servicedesk/1/requesttype');
    assert.deepEqual(types.json.values.map((t: { name: string }) => t.name), ['Get IT help', 'Report a bug', 'Request new hardware']);
    assert.equal((await f.call('GET', '/rest/servicedeskapi/servicedesk/9/requesttype')).status, 404);
    const fields = await f.call('GET', '/rest/api/3/field');
    const rt = fields.json.find((x: { id: string }) => x.id === REQUEST_TYPE_FIELD);
    assert.equal(rt.schema.custom, 'com.atlassian.servicedesk:vp-origin');
  });

  test('the request type is set through PUT /issue, recorded in the changelog and read back with expand=requestType', async () => {
    const created = await f.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: 'VPN down', [REQUEST_TYPE_FIELD]: '1' } });
    assert.equal(created.status, 201);
    const key = created.json.key as string;
    assert.equal((await f.call('GET', `/rest/servicedeskapi/request/${key}?expand=requestType`)).json.requestType.name, 'Get IT help');
    await f.site.settled();
    events.length = 0;
    assert.equal((await f.call('PUT', `/rest/api/3/issue/${key}`, { fields: { [REQUEST_TYPE_FIELD]: '2' } })).status, 204);
    await f.site.settled();
    assert.deepEqual(events, ['avi:jira:updated:issue']);
    const req = await f.call('GET', `/rest/servicedeskapi/request/${key}?expand=requestType`);
    assert.equal(req.json.requestTypeId, '2');
    assert.equal(req.json.requestType.name, 'Report a bug');
    const bad = await f.call('PUT', `/rest/api/3/issue/${key}`, { fields: { [REQUEST_TYPE_FIELD]: '99' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.errors[REQUEST_TYPE_FIELD], 'The request type is invalid.');
  });

  test('SLAs run on the site clock: remaining time shrinks, a goal passes into breach, a public reply stops first response', async () => {
    const created = await f.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: 'Printer jam' } }, f.agent);
    const key = created.json.key as string;
    const sla = async () => (await f.call('GET', `/rest/servicedeskapi/request/${key}?expand=sla`)).json.sla.values as Array<{ name: string; ongoingCycle?: { breached: boolean; remainingTime: { millis: number }; goalDuration: { millis: number } }; completedCycles: Array<{ breached: boolean }> }>;
    let [first, resolution] = await sla();
    assert.equal(first!.name, 'Time to first response');
    assert.equal(first!.ongoingCycle!.goalDuration.millis, 4 * HOUR);
    assert.equal(first!.ongoingCycle!.remainingTime.millis, 4 * HOUR);
    clock += 5 * HOUR;
    [first, resolution] = await sla();
    assert.equal(first!.ongoingCycle!.breached, true);
    assert.equal(first!.ongoingCycle!.remainingTime.millis, -1 * HOUR);
    assert.equal(resolution!.ongoingCycle!.breached, false);
    // An internal note is no response to the customer; a public reply by another agent is.
    assert.equal((await f.call('POST', `/rest/servicedeskapi/request/${key}/comment`, { body: 'checking logs', public: false })).status, 201);
    assert.ok((await sla())[0]!.ongoingCycle);
    await f.call('POST', `/rest/servicedeskapi/request/${key}/comment`, { body: 'On it', public: true });
    [first] = await sla();
    assert.equal(first!.ongoingCycle, undefined);
    assert.equal(first!.completedCycles[0]!.breached, true);
  });

  test('participants are added and removed by account id; the reporter is never one; each change is an issue update', async () => {
    const created = await f.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: 'New laptop' } });
    const key = created.json.key as string;
    await f.site.settled();
    events.length = 0;
    const added = await f.call('POST', `/rest/servicedeskapi/request/${key}/participant`, { accountIds: [f.agent, f.admin] });
    assert.equal(added.status, 200);
    assert.deepEqual(added.json.values.map((u: { accountId: string }) => u.accountId), [f.agent]);
    await f.site.settled();
    assert.deepEqual(events, ['avi:jira:updated:issue']);
    const read = await f.call('GET', `/rest/servicedeskapi/request/${key}?expand=participant`);
    assert.equal(read.json.participants.values[0].displayName, f.seed.users[1]!.displayName);
    assert.equal((await f.call('POST', `/rest/servicedeskapi/request/${key}/participant`, { accountIds: ['nobody'] })).status, 400);
    const removed = await f.call('DELETE', `/rest/servicedeskapi/request/${key}/participant`, { accountIds: [f.agent] });
    assert.deepEqual(removed.json.values, []);
  });

  test('the issue GET shows request type, participants and SLAs as custom fields found by schema, equal to the servicedeskapi answer', async () => {
    const fields = (await f.call('GET', '/rest/api/3/field')).json as Array<{ id: string; name: string; schema?: { custom?: string } }>;
    const byType = (t: string) => fields.filter((x) => x.schema?.custom === `com.atlassian.servicedesk:${t}`);
    const [rt] = byType('vp-origin');
    const [people] = byType('sd-request-participants');
    const slas = byType('sd-sla-field');
    assert.deepEqual(slas.map((x) => x.name), ['Time to first response', 'Time to resolution']);
    const created = await f.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: 'Disk full', [REQUEST_TYPE_FIELD]: '3' } });
    const key = created.json.key as string;
    await f.call('POST', `/rest/servicedeskapi/request/${key}/participant`, { accountIds: [f.agent] });
    clock += HOUR;
    const ids = [rt!.id, people!.id, ...slas.map((x) => x.id)];
    const issue = (await f.call('GET', `/rest/api/3/issue/${key}?fields=${ids.join(',')}`)).json;
    const req = (await f.call('GET', `/rest/servicedeskapi/request/${key}?expand=requestType,participant,sla`)).json;
    assert.deepEqual(issue.fields[rt!.id].requestType, req.requestType);
    assert.deepEqual(issue.fields[people!.id], req.participants.values);
    assert.deepEqual(slas.map((x) => issue.fields[x.id]), req.sla.values);
    assert.equal(issue.fields[slas[0]!.id].ongoingCycle.remainingTime.millis, 3 * HOUR);
    // The fields filter applies: only what is asked for comes back.
    const only = (await f.call('GET', `/rest/api/3/issue/${key}?fields=summary,${people!.id}`)).json;
    assert.deepEqual(Object.keys(only.fields).sort(), [people!.id, 'summary'].sort());
  });

  test('a comment added with public:false is internal to Jira (sd.public.comment, jsdPublic false)', async () => {
    const made = await f.call('POST', '/rest/servicedeskapi/request/ACME-1/comment', { body: 'agents only', public: false });
    assert.equal(made.json.public, false);
    const jira = await f.call('GET', '/rest/api/3/issue/ACME-1/comment?expand=properties');
    const c = jira.json.comments.find((x: { id: string }) => x.id === made.json.id);
    assert.equal(c.jsdPublic, false);
    assert.deepEqual(c.properties, [{ key: 'sd.public.comment', value: { internal: true } }]);
    const publicOnly = await f.call('GET', '/rest/servicedeskapi/request/ACME-1/comment?internal=false');
    assert.ok(publicOnly.json.values.every((x: { public: boolean }) => x.public));
  });

  test('an issue of a project that is no service desk is no customer request', async () => {
    const plain = fixture();
    try {
      assert.equal((await plain.call('GET', '/rest/servicedeskapi/request/ACME-1')).status, 404);
      assert.deepEqual((await plain.call('GET', '/rest/servicedeskapi/servicedesk')).json.values, []);
      const fields = await plain.call('GET', '/rest/api/3/field');
      assert.ok(!fields.json.some((x: { id: string }) => x.id === REQUEST_TYPE_FIELD));
    } finally {
      await plain.site.close();
    }
  });

  test("a site's seed numbers its JSM fields its own way (ids differ per Jira Cloud site): found by schema, set and read under those ids only", async () => {
    const other = fixture({ seed: { ...withServiceDesk(defaultSeed('globex')), serviceDeskFieldIds: { requestType: 'customfield_10410', participants: 'customfield_10411', slaFrom: 10500 } } });
    try {
      const fields = (await other.call('GET', '/rest/api/3/field')).json as Array<{ id: string; schema?: { custom?: string } }>;
      const byType = (custom: string) => fields.filter((x) => x.schema?.custom === `com.atlassian.servicedesk:${custom}`).map((x) => x.id);
      assert.deepEqual([byType('vp-origin'), byType('sd-request-participants'), byType('sd-sla-field')], [['customfield_10410'], ['customfield_10411'], ['customfield_10500', 'customfield_10501']]);
      assert.ok(!fields.some((x) => x.id === REQUEST_TYPE_FIELD));
      const made = await other.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'GLX' }, issuetype: { name: 'Task' }, summary: 'Badge reader offline', customfield_10410: '2' } });
      assert.equal(made.status, 201, JSON.stringify(made.json));
      const issue = (await other.call('GET', `/rest/api/3/issue/${made.json.key}?fields=customfield_10410,customfield_10500,${REQUEST_TYPE_FIELD}`)).json;
      assert.equal(issue.fields.customfield_10410.requestType.id, '2');
      assert.equal(issue.fields.customfield_10500.name, 'Time to first response');
      assert.ok(!(REQUEST_TYPE_FIELD in issue.fields), 'the default id is no field here');
      assert.equal((await other.call('PUT', `/rest/api/3/issue/${made.json.key}`, { fields: { [REQUEST_TYPE_FIELD]: '1' } })).status, 400);
    } finally {
      await other.site.close();
    }
  });
});
