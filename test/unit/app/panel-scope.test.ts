// The issue panel's "why not, and how to get in": decided from the issue, the rule and the connection.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { panelConnectionView, panelOffer } from '../../../src/app/panel-scope';
import type { Connection } from '../../../src/core/connection';
import { connectionId, localIssueId } from '../../../src/core/ids';
import type { IssueSnapshot } from '../../../src/core/replica/snapshot';
import { rule } from '../core/support/rule-fixtures';

const snap = (over: { labels?: string[]; status?: string; type?: string; key?: string } = {}): IssueSnapshot => ({
  id: localIssueId('1'), key: over.key ?? 'ALPHA-1', projectKey: 'ALPHA', updatedAt: 0, comments: [], attachments: [],
  fields: {
    issuetype: { value: { kind: 'option', name: over.type ?? 'Bug' } },
    status: { value: { kind: 'option', name: over.status ?? 'Open' } },
    labels: { value: { kind: 'options', names: over.labels ?? [] } },
  },
});
const owner = { name: 'Acme Integration Owner', role: 'accountable' as const, email: 'owner@acme.example' };
const connection = (state: Connection['state'], over: Partial<Connection> = {}): Connection => ({
  id: connectionId('conn-1'), partnerKind: 'jira', partnerEndpoint: 'https://globex.example/inbox', state, role: 'inviter', createdBy: 'admin', createdAt: 0,
  contacts: { local: [owner], partner: [] }, ...over,
} as Connection);

describe('issue panel: why an issue does not sync yet', () => {
  test('in scope on an active connection: nothing in the way', () => {
    assert.deepEqual(panelOffer(snap(), rule(), connection('active')), { inScope: true, reason: null });
  });

  test('a paused connection keeps the issue in scope but says the connection is paused', () => {
    assert.deepEqual(panelOffer(snap(), rule(), connection('paused')), { inScope: true, reason: null, help: { kind: 'connection', state: 'paused' } });
  });

  test('a pending or ended connection offers nothing, whatever the issue', () => {
    assert.deepEqual(panelOffer(snap(), rule(), connection('pending')).help, { kind: 'connection', state: 'pending' });
    const ended = panelOffer(snap(), rule(), connection('ended', { endedAt: 5 }));
    assert.deepEqual(ended, { inScope: false, reason: 'the partner ended this connection', help: { kind: 'connection', state: 'ended' } });
  });

  test('outside the scope names what the rule takes and what the issue has', () => {
    assert.deepEqual(panelOffer(snap({ type: 'Task' }), rule({ scope: { issueTypes: ['Bug', 'Incident'] } }), connection('active')).help, { kind: 'issue-type', current: 'Task', allowed: ['Bug', 'Incident'] });
    assert.deepEqual(panelOffer(snap({ status: 'Done' }), rule({ scope: { statuses: ['Open', 'In Progress'] } }), connection('active')).help, { kind: 'status', current: 'Done', allowed: ['Open', 'In Progress'] });
    assert.deepEqual(panelOffer(snap(), rule({ scope: { labels: ['vendor'] } }), connection('active')).help, { kind: 'labels', allowed: ['vendor'] });
  });

  test('outside the pilot names the pilot labels and keys; a pilot label brings it in', () => {
    const pilot = rule({ scope: { pilot: { labels: ['pilot-globex'], issueKeys: ['ALPHA-7'] } } });
    const out = panelOffer(snap(), pilot, connection('active'));
    assert.deepEqual(out, { inScope: false, reason: 'not in the pilot scope', help: { kind: 'pilot', labels: ['pilot-globex'], issueKeys: ['ALPHA-7'] } });
    assert.equal(panelOffer(snap({ labels: ['pilot-globex'] }), pilot, connection('active')).inScope, true);
  });

  test('manual start is its own answer (the agent starts it), not "outside the scope"', () => {
    assert.deepEqual(panelOffer(snap(), rule({ scope: { manualStart: true } }), connection('active')).help, { kind: 'manual-start' });
  });

  test('an issue Liaison cannot read is said so', () => {
    assert.equal(panelOffer(null, rule(), connection('active')).help?.kind, 'other');
  });

  test("the panel gets the connection's state and this side's contacts, never the partner's", () => {
    assert.deepEqual(panelConnectionView(connection('ended', { endedAt: 9 })), { state: 'ended', endedAt: 9, contacts: [owner] });
    assert.equal(panelConnectionView(null), undefined);
  });
});
