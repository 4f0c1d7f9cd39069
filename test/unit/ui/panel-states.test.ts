// Each panel state has its lozenge, one plain sentence, the way in, and only the actions that work.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PanelLinkView, PanelView } from '../../../src/shared/resolver-contract';
import { needsAutoRefresh } from '../../../static/issue-panel/src/logic/panel-model';
import { presentAvailable, presentLink, whomToAsk } from '../../../static/issue-panel/src/logic/panel-states';
import { previewLines, shorten } from '../../../static/issue-panel/src/logic/preview-lines';

const owner = { name: 'Acme Integration Owner', role: 'accountable' as const, email: 'owner@acme.example' };
const link = (over: Partial<PanelLinkView> = {}): PanelLinkView => ({
  connectionId: 'c1', partnerName: 'Globex (globex.atlassian.net)',
  partner: { kind: 'jira', endpoint: 'https://globex.atlassian.net', issueKey: 'GLX-7', issueId: '10007', url: null, table: null },
  state: 'in-sync', lastSentAt: null, lastReceivedAt: null, errors: [], shared: { out: [], in: [] }, connection: { state: 'active', contacts: [owner] }, ...over,
});
type Available = PanelView['available'][number];
const offer = (over: Partial<Available> = {}): Available => ({ connectionId: 'c1', inScope: true, reason: null, partnerName: 'Globex (globex.atlassian.net)', connection: { state: 'active', contacts: [owner] }, ...over });
const view = (over: Partial<PanelView> = {}): PanelView => ({ issue: { id: '1', key: 'ACME-1', projectKey: 'ACME' }, links: [], available: [], canAct: true, ...over });

describe('issue panel states: a linked issue', () => {
  test('in sync offers Sync now and Unlink, enabled', () => {
    const shown = presentLink(view(), link());
    assert.equal(shown.text, 'In sync');
    assert.deepEqual(shown.syncNow, { disabledReason: null });
    assert.equal(shown.unlink, true);
  });

  test('paused: its own lozenge and sentence; Sync now disabled with the reason; Unlink still works', () => {
    const shown = presentLink(view(), link({ connection: { state: 'paused', contacts: [] } }));
    assert.equal(shown.text, 'Paused');
    assert.match(shown.explanation, /connection with Globex \(globex\.atlassian\.net\) is paused.*sent, in order, when it resumes/);
    assert.deepEqual(shown.syncNow, { disabledReason: 'Sync now is off while the connection is paused.' });
    assert.equal(shown.unlink, true);
  });

  test('ended by the partner: no sync, no unlink, the date it ended', () => {
    const shown = presentLink(view(), link({ state: 'unlinked', connection: { state: 'ended', endedAt: Date.UTC(2030, 0, 7, 9, 5), contacts: [] } }));
    assert.equal(shown.text, 'Ended');
    assert.match(shown.explanation, /^Globex \(globex\.atlassian\.net\) ended the connection on 2030-01-07 09:05 UTC/);
    assert.equal(shown.syncNow, null);
    assert.equal(shown.unlink, false);
  });

  test('failed keeps Retry; people who cannot edit get no action at all', () => {
    assert.equal(presentLink(view(), link({ state: 'failed' })).retry, true);
    const readOnly = presentLink(view({ canAct: false }), link({ connection: { state: 'paused', contacts: [] } }));
    assert.deepEqual([readOnly.syncNow, readOnly.unlink, readOnly.retry, readOnly.dismiss], [null, false, false, false]);
  });

  test('a change held by a paused connection is not polled for (it waits for an admin, not for time)', () => {
    assert.equal(needsAutoRefresh(view({ links: [link({ state: 'pending', connection: { state: 'paused', contacts: [] } })] })), false);
    assert.equal(needsAutoRefresh(view({ links: [link({ state: 'pending' })] })), true);
  });

  test('an older backend without the connection is taken as active', () => {
    assert.equal(presentLink(view(), link({ connection: undefined })).text, 'In sync');
  });
});

describe('issue panel states: an issue not synced yet', () => {
  test('not shared yet says with whom; Start and Link enabled', () => {
    const shown = presentAvailable(view(), offer());
    assert.equal(shown.heading, 'Not synced with Globex (globex.atlassian.net) yet');
    assert.equal(shown.lozengeText, 'Not shared yet');
    assert.deepEqual([shown.start, shown.link], [{ disabledReason: null }, { disabledReason: null }]);
    assert.equal(shown.wayIn, null);
  });

  test('without a partner name the heading keeps the old words', () => {
    assert.equal(presentAvailable(view(), offer({ partnerName: undefined })).heading, 'Not synced yet');
  });

  test('manual start says an agent starts it', () => {
    const shown = presentAvailable(view(), offer({ inScope: false, reason: 'waiting for a manual start', help: { kind: 'manual-start' } }));
    assert.match(shown.sentence, /once an agent starts them/);
    assert.deepEqual(shown.start, { disabledReason: null });
  });

  test('paused: Start and Link disabled with the reason', () => {
    const shown = presentAvailable(view(), offer({ help: { kind: 'connection', state: 'paused' } }));
    assert.equal(shown.lozengeText, 'Paused');
    assert.match(shown.start?.disabledReason ?? '', /paused by a Jira admin; start when it resumes/);
    assert.deepEqual(shown.link, shown.start);
  });

  test('pending and ended connections offer no action', () => {
    for (const state of ['pending', 'ended'] as const) {
      const shown = presentAvailable(view(), offer({ inScope: false, help: { kind: 'connection', state } }));
      assert.deepEqual([shown.start, shown.link], [null, null], state);
    }
  });

  test('outside the scope: what the rule takes, what the issue has, whom to ask', () => {
    const status = presentAvailable(view(), offer({ inScope: false, help: { kind: 'status', current: 'Done', allowed: ['Open', 'In Progress'] } }));
    assert.equal(status.lozengeText, 'Outside scope');
    assert.equal(status.sentence, 'Only issues in status "Open" or "In Progress" are shared with Globex (globex.atlassian.net); this one is "Done".');
    assert.match(status.wayIn ?? '', /ask Acme Integration Owner \(owner@acme\.example\) to add its status/);
    assert.deepEqual([status.start, status.link], [null, null]);
  });

  test('outside the pilot: which label brings it in, and whom to ask', () => {
    const pilot = presentAvailable(view(), offer({ inScope: false, help: { kind: 'pilot', labels: ['pilot-globex'], issueKeys: ['ACME-7'] } }));
    assert.equal(pilot.lozengeText, 'Outside pilot');
    assert.match(pilot.sentence, /in its pilot: only issues labelled "pilot-globex" \(and the issues ACME-7\) sync/);
    assert.equal(pilot.wayIn, 'Add the label "pilot-globex" to bring it into the pilot, or ask Acme Integration Owner (owner@acme.example) to add ACME-1 to the pilot.');
    const readOnly = presentAvailable(view({ canAct: false }), offer({ inScope: false, help: { kind: 'pilot', labels: [], issueKeys: [] } }));
    assert.match(readOnly.wayIn ?? '', /^Ask Acme/);
  });

  test('with no contacts the Jira admins are the ones to ask; informed people are not', () => {
    assert.equal(whomToAsk([]), 'your Jira admin');
    assert.equal(whomToAsk([{ name: 'Ina', role: 'informed', email: 'ina@acme.example' }]), 'your Jira admin');
  });
});

describe('the panel-sized preview', () => {
  test('one line a field, long text cut, comments counted, what stays here named', () => {
    const lines = previewLines(
      {
        issueKey: 'ACME-1', inScope: true, scopeReason: null,
        fields: [{ field: 'summary', value: null, text: 'Login fails' }, { field: 'description', value: null, text: 'x '.repeat(200) }],
        comments: [{ id: '1', internal: false, text: 'a' }, { id: '2', internal: true, text: 'b' }],
        withheld: [{ field: 'reporter', reason: 'not shared by the rule' }],
      },
      (k) => (k === 'summary' ? 'Summary' : k),
    );
    assert.deepEqual(lines.sent[0], { key: 'summary', label: 'Summary', text: 'Login fails' });
    assert.ok(lines.sent[1]!.text.length <= 160 && lines.sent[1]!.text.endsWith('…'));
    assert.equal(lines.comments, '2 comments, 1 of them internal.');
    assert.deepEqual(lines.kept, ['reporter: not shared by the rule']);
    assert.equal(shorten('  a\n\nb  '), 'a b');
  });
});
