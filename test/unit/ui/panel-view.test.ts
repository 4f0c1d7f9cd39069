// The issue panel's view as the backend shapes it: a ServiceNow partner's link says its kind and the
// table its record lives in, so the panel can name it ("ServiceNow incident INC0010001") and link it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableView, linkView, recordTable } from '../../../src/app/views';
import type { Connection } from '../../../src/core/connection';
import { connectionId, localIssueId, pairId, partnerIssueId } from '../../../src/core/ids';
import { newPairRecord } from '../../../src/core/ledger/pair-record';

const SYS_ID = '0123456789abcdef0123456789abcdef';
const connection = (over: Partial<Connection> = {}): Connection => ({
  id: connectionId('conn-sn'), partnerKind: 'servicenow', partnerEndpoint: 'https://initech.service-now.com', state: 'active', role: 'inviter',
  createdBy: 'admin', createdAt: 0, contacts: { local: [], partner: [] }, ...over,
} as Connection);
const pair = (over: { key?: string; url?: string } = {}) => ({
  ...newPairRecord({ pairId: pairId('p-1'), connectionId: connectionId('conn-sn'), localIssueId: localIssueId('10001'), partnerIssueId: partnerIssueId(SYS_ID), origin: 'local', createdAt: 0 }),
  partnerIssueKey: over.key ?? 'INC0010001',
  partnerIssueUrl: over.url ?? `https://initech.service-now.com/incident.do?sys_id=${SYS_ID}`,
});

describe('panel view of a ServiceNow partner', () => {
  test('a link carries the partner kind, the record number and the table of the record it opens', () => {
    const view = linkView(pair(), connection(), undefined, [], 0, 0);
    assert.deepEqual(view.partner, {
      kind: 'servicenow', endpoint: 'https://initech.service-now.com', issueKey: 'INC0010001', issueId: SYS_ID,
      url: `https://initech.service-now.com/incident.do?sys_id=${SYS_ID}`, table: 'incident',
    });
    assert.equal(linkView(pair({ url: `https://initech.service-now.com/change_request.do?sys_id=${SYS_ID}` }), connection(), undefined, [], 0, 0).partner.table, 'change_request');
  });

  test('a Jira partner\'s link has no table; an unknown connection counts as Jira', () => {
    const jira = linkView(pair({ key: 'GLX-7', url: 'https://globex.atlassian.net/browse/GLX-7' }), connection({ partnerKind: 'jira', partnerEndpoint: 'https://x.hello.atlassian-dev.net/x1/abc' }), undefined, [], 0, 0);
    assert.equal(jira.partner.kind, 'jira');
    assert.equal(jira.partner.table, null);
    assert.equal(linkView(pair(), null, undefined, [], 0, 0).partner.kind, 'jira');
  });

  test('the table is read from a record link only', () => {
    assert.equal(recordTable(`https://initech.service-now.com/sc_req_item.do?sys_id=${SYS_ID}`), 'sc_req_item');
    for (const other of ['https://globex.atlassian.net/browse/GLX-7', 'https://initech.service-now.com/nav_to.do/x', 'not a url', null, undefined]) assert.equal(recordTable(other), null, String(other));
  });

  test('a connection offering the issue says what kind of partner it is', () => {
    assert.deepEqual(availableView('conn-sn', connection(), { inScope: true }, 'incident'), {
      connectionId: 'conn-sn', inScope: true, reason: null, partnerKind: 'servicenow', partnerEndpoint: 'https://initech.service-now.com', partnerTable: 'incident', partnerName: 'initech (ServiceNow)',
    });
    assert.deepEqual(availableView('conn-j', null, { inScope: false, reason: 'not in the pilot scope' }), {
      connectionId: 'conn-j', inScope: false, reason: 'not in the pilot scope', partnerKind: 'jira', partnerEndpoint: null, partnerTable: null,
    });
  });
});
