import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionView } from '../../../src/shared/resolver-contract';
import { allowedChanges, connectionHealth, connectionName, deleteConsequence, partnerRows, previewHeading } from '../../../static/admin/src/logic/connection-text';
import { ruleWords } from '../../../static/admin/src/logic/rule-wording';
import { instanceName, partnerPlace, partnerTerms } from '../../../static/shared/logic/partner-terms';
import { invitationFrom } from '../../../static/admin/src/logic/invitation';
import { rulePathsOnly } from '../../../static/admin/src/logic/validation-errors';

const now = Date.UTC(2025, 2, 10, 12);
const conn = (over: Partial<ConnectionView> = {}, health: Partial<ConnectionView['health']> = {}): ConnectionView => ({
  id: 'conn-0001-abcdef12',
  displayName: 'Jira partner · abcdef12',
  partner: { name: null, site: null, contacts: [], catalog: { statuses: [], priorities: [], issueTypes: [] }, updatedAt: null },
  partnerKind: 'jira',
  partnerEndpoint: null,
  state: 'active',
  role: 'inviter',
  createdAt: now,
  createdBy: 'a',
  contacts: { local: [], partner: [] },
  health: { backlog: 0, errors: 0, lastExchangeAt: now - 120_000, ...health },
  projects: [],
  ...over,
});

describe('connection wording', () => {
  test('a Jira partner is called by the name and site it told; before that by the connection\'s short id', () => {
    assert.equal(connectionName(conn()), 'Jira partner · abcdef12');
    assert.equal(connectionName(conn({ state: 'paused' })), 'Jira partner · abcdef12 · paused');
    const globex = conn({ displayName: 'Globex (globex.atlassian.net)', partner: { name: 'Globex', site: 'https://globex.atlassian.net', contacts: [], catalog: { statuses: [], priorities: [], issueTypes: [] }, updatedAt: now } });
    assert.equal(connectionName(globex), 'Globex (globex.atlassian.net)');
    assert.equal(previewHeading(globex), 'What Globex will see');
    assert.match(deleteConsequence(globex), /^Sync with Globex stops for good/);
    assert.deepEqual(partnerRows(globex).slice(0, 2), [{ term: 'Partner', detail: 'Globex' }, { term: 'Partner site', detail: 'globex.atlassian.net' }]);
    assert.match(connectionHealth({ ...globex, state: 'ended' }, now).summary, /^Globex deleted this connection/);
    assert.match(partnerRows(conn())[0]!.detail, /not told yet/);
  });

  test('a ServiceNow partner is its instance and table, in the name, the preview and what deleting leaves', () => {
    const sn = conn({ partnerKind: 'servicenow', partnerEndpoint: 'https://initech.service-now.com', table: 'incident', displayName: 'initech (ServiceNow)' });
    assert.equal(connectionName(sn), 'initech (ServiceNow) · incident');
    assert.equal(connectionName({ ...sn, table: undefined, state: 'paused' }), 'initech (ServiceNow) · paused');
    assert.equal(previewHeading(sn), 'What initech (ServiceNow) will receive');
    assert.equal(previewHeading(conn()), 'What the partner will see');
    assert.match(deleteConsequence(sn), /records on ServiceNow stay as they are/);
    assert.match(deleteConsequence(conn()), /Issues on both sides stay as they are/);
  });

  test('health: errors are bad, backlog, pause and pending need attention', () => {
    assert.deepEqual(connectionHealth(conn(), now), { level: 'good', summary: 'Healthy; last exchange 2 min ago' });
    assert.equal(connectionHealth(conn({}, { errors: 2, backlog: 1 }), now).summary, '2 errors to look at; 1 waiting; last exchange 2 min ago');
    assert.equal(connectionHealth(conn({}, { errors: 1 }), now).level, 'bad');
    assert.equal(connectionHealth(conn({ state: 'paused' }, { backlog: 1 }), now).summary, 'Paused: 1 change queued; last exchange 2 min ago');
    assert.equal(connectionHealth(conn({}, { backlog: 3 }), now).summary, '3 changes on the way; last exchange 2 min ago');
    assert.match(connectionHealth(conn({ state: 'pending' }), now).summary, /Waiting for the partner/);
    assert.deepEqual(connectionHealth(conn({ state: 'ended', endedAt: now - 3 * 3_600_000 }), now), {
      level: 'bad', summary: 'The partner deleted this connection (3 h ago): nothing is sent or received any more. Delete it here too.',
    });
  });

  test('only meaningful state changes are offered', () => {
    assert.deepEqual(allowedChanges(conn()), ['pause', 'delete']);
    assert.deepEqual(allowedChanges(conn({ state: 'paused' })), ['resume', 'delete']);
    assert.deepEqual(allowedChanges(conn({ state: 'pending' })), ['delete']);
    assert.deepEqual(allowedChanges(conn({ state: 'ended' })), ['delete']);
  });
});

describe('invitation answer', () => {
  test('the code is read from the object or a bare string; anything else is no invitation', () => {
    assert.deepEqual(invitationFrom({ code: 'abc', expiresAt: 5, connection: {} }), { code: 'abc', expiresAt: 5 });
    assert.deepEqual(invitationFrom({ code: 'abc' }), { code: 'abc', expiresAt: null });
    assert.deepEqual(invitationFrom('xyz'), { code: 'xyz', expiresAt: null });
    assert.equal(invitationFrom({ code: '' }), null);
    assert.equal(invitationFrom(null), null);
    assert.equal(invitationFrom(42), null);
  });
});

describe('payload paths', () => {
  test('problems reported against the payload are moved onto the rule', () => {
    assert.deepEqual(
      rulePathsOnly([
        { path: 'rule.scope.labels', message: 'a' },
        { path: 'rule["fields"]', message: 'b' },
        { path: 'rule', message: 'c' },
        { path: 'mode', message: 'd' },
      ]).map((p) => p.path),
      ['scope.labels', '["fields"]', '(rule)', 'mode'],
    );
  });
});

describe('partner words', () => {
  test('a Jira partner has partner issues with keys; a ServiceNow one has records of its table with numbers', () => {
    assert.deepEqual(partnerTerms('jira'), { kind: 'jira', item: 'partner issue', items: 'partner issues', keyName: 'partner issue key', keyExample: 'GLX-12', other: 'the partner' });
    assert.deepEqual(partnerTerms(undefined), partnerTerms('jira'));
    assert.deepEqual(partnerTerms('servicenow', 'incident'), { kind: 'servicenow', item: 'ServiceNow incident', items: 'ServiceNow incidents', keyName: 'incident number', keyExample: 'INC0010001', other: 'ServiceNow' });
    assert.equal(partnerTerms('servicenow', 'sc_req_item').keyExample, 'RITM0010001');
    assert.equal(partnerTerms('servicenow', 'u_custom_table').item, 'ServiceNow record');
    assert.equal(instanceName('https://initech.service-now.com'), 'initech');
    assert.equal(instanceName('https://servicedesk.example.com'), 'servicedesk.example.com');
    assert.equal(instanceName('nonsense'), null);
    assert.equal(partnerPlace('servicenow', null), 'ServiceNow instance');
    assert.equal(partnerPlace('jira', 'https://x.hello.atlassian-dev.net/x1/abc'), 'Partner site');
  });

  test('the rule editor speaks of ServiceNow, and drops the issue type map a record cannot use', () => {
    const jira = ruleWords(partnerTerms('jira'));
    const sn = ruleWords(partnerTerms('servicenow', 'incident'));
    assert.equal(jira.showIssueTypeMap, true);
    assert.equal(sn.showIssueTypeMap, false);
    assert.equal(jira.create, 'Create issues here when the partner creates one');
    assert.equal(sn.create, 'Create issues here when a new ServiceNow incident appears');
    assert.equal(sn.conflictPartner, "ServiceNow's value wins");
    assert.match(sn.includeInternalHelp, /work notes/);
    assert.match(sn.fieldsNote ?? '', /ServiceNow incident holds summary, description, status, priority/);
    assert.equal(jira.fieldsNote, null);
  });
});
