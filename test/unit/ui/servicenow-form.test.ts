import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionView } from '../../../src/shared/resolver-contract';
import { partnerRows, roleText } from '../../../static/admin/src/logic/connection-text';
import { checkDraft, diagnosisFrom, diagnosisTitle, emptyDraft, instanceHost, normaliseInstanceUrl, noticeFrom, problemsFromDetails } from '../../../static/admin/src/logic/servicenow-form';

const filled = { ...emptyDraft(), instanceUrl: 'https://acme.service-now.com', username: 'liaison.integration', password: ' pw with spaces ' };

describe('ServiceNow instance URL', () => {
  test('a short name, a host or a pasted page link become the https origin', () => {
    assert.equal(normaliseInstanceUrl('acme'), 'https://acme.service-now.com');
    assert.equal(normaliseInstanceUrl(' acme.service-now.com '), 'https://acme.service-now.com');
    assert.equal(normaliseInstanceUrl('https://acme.service-now.com/now/nav/ui/home'), 'https://acme.service-now.com');
  });
  test('plain http, credentials in the URL, a bare word with spaces and empty text are refused', () => {
    for (const bad of ['http://acme.service-now.com', 'https://u:p@acme.service-now.com', 'not a url', '', 'https://localhost']) assert.equal(normaliseInstanceUrl(bad), null, bad);
  });
  test('the host is what a card shows; text that is no URL is shown as is', () => {
    assert.equal(instanceHost('https://acme.service-now.com'), 'acme.service-now.com');
    assert.equal(instanceHost('odd'), 'odd');
  });
});

describe('checking the form', () => {
  test('an empty form names every missing field', () => {
    const c = checkDraft({ ...emptyDraft(), table: '' });
    assert.equal(c.ok, false);
    assert.deepEqual(Object.keys(!c.ok ? c.problems : {}).sort(), ['instanceUrl', 'password', 'table', 'username']);
  });
  test('oauth asks for client id and secret, not user and password', () => {
    const c = checkDraft({ ...filled, authKind: 'oauth' });
    assert.deepEqual(!c.ok && Object.keys(c.problems).sort(), ['clientId', 'clientSecret']);
  });
  test('a table name with a space is refused', () => {
    const c = checkDraft({ ...filled, table: 'my table' });
    assert.match(!c.ok ? (c.problems.table ?? '') : '', /system name/);
  });
  test('a good basic draft becomes the payload; the password is sent exactly as typed', () => {
    assert.deepEqual(checkDraft({ ...filled, username: ' liaison.integration ' }), {
      ok: true,
      payload: { instanceUrl: 'https://acme.service-now.com', table: 'incident', auth: { kind: 'basic', username: 'liaison.integration', password: ' pw with spaces ' } },
    });
  });
  test('a good oauth draft carries only the oauth credentials', () => {
    const c = checkDraft({ ...filled, authKind: 'oauth', clientId: 'cid', clientSecret: 'cs', table: 'problem' });
    assert.deepEqual(c.ok && c.payload, { instanceUrl: 'https://acme.service-now.com', table: 'problem', auth: { kind: 'oauth', clientId: 'cid', clientSecret: 'cs' } });
  });
  test('the picked resolution code and the notes template go along; empty ones are left to the backend default', () => {
    const c = checkDraft({ ...filled, resolutionCode: 'Workaround provided', resolutionNotes: ' Fixed in {key} ' });
    assert.deepEqual(c.ok && c.payload.resolution, { code: 'Workaround provided', notes: 'Fixed in {key}' });
    const none = checkDraft(filled);
    assert.equal(none.ok && 'resolution' in none.payload, false);
    const long = checkDraft({ ...filled, resolutionNotes: 'x'.repeat(1001) });
    assert.equal(!long.ok && long.problems.resolutionNotes, 'The resolution notes are longer than 1,000 characters.');
    assert.deepEqual(problemsFromDetails([{ path: 'resolution.notes', message: 'too long' }]), { resolutionNotes: 'too long' });
  });
  test('backend details land on the fields they name; others are ignored', () => {
    assert.deepEqual(problemsFromDetails([{ path: 'auth.password', message: 'too long' }, { path: 'table', message: 'bad' }, { path: 'contacts.0.email', message: 'x' }]), { password: 'too long', table: 'bad' });
    assert.deepEqual(problemsFromDetails(undefined), {});
  });
});

describe('answers', () => {
  test('a diagnosis is read tolerantly and titled by its problem', () => {
    assert.deepEqual(diagnosisFrom({ ok: true }), { ok: true, resolutionCodes: [] });
    // A passed test brings the instance's own Resolution codes to choose from.
    assert.deepEqual(diagnosisFrom({ ok: true, resolutionCodes: [{ value: 'Solution provided', label: 'Solution provided' }, { value: 7 }] }), { ok: true, resolutionCodes: [{ value: 'Solution provided', label: 'Solution provided' }] });
    assert.equal(diagnosisTitle({ ok: false, problem: 'journal-unreadable', message: 'm' }), 'The integration user cannot read comments and work notes');
    const d = diagnosisFrom({ ok: false, problem: 'missing-role', message: 'give it itil' });
    assert.deepEqual(d, { ok: false, problem: 'missing-role', message: 'give it itil' });
    assert.equal(diagnosisTitle(d!), 'The integration user lacks a role');
    assert.equal(diagnosisTitle({ ok: false, problem: 'new-kind', message: 'm' }), 'The connection does not work yet');
    assert.equal(diagnosisFrom({ ok: false }), null);
    assert.equal(diagnosisFrom('ok'), null);
  });
  test('the notice needs both url and secret', () => {
    assert.deepEqual(noticeFrom({ connectionId: 'c1', notice: { url: 'https://x/n', secret: 's' } }), { connectionId: 'c1', url: 'https://x/n', secret: 's' });
    assert.equal(noticeFrom({ connectionId: 'c1', notice: { url: 'https://x/n', secret: '' } }), null);
    assert.equal(noticeFrom({ connectionId: 'c1' }), null);
    assert.equal(noticeFrom(null), null);
  });
});

describe('ServiceNow connection cards', () => {
  const conn = (over: Partial<ConnectionView> = {}): ConnectionView => ({
    id: 'conn-abcdef12', displayName: 'acme (ServiceNow)', partner: { name: 'acme', site: 'https://acme.service-now.com', contacts: [], catalog: { statuses: [], priorities: [], issueTypes: [] }, updatedAt: null }, partnerKind: 'servicenow', partnerEndpoint: 'https://acme.service-now.com', state: 'active', role: 'inviter', createdAt: 0, createdBy: 'a',
    contacts: { local: [], partner: [] }, health: { backlog: 0, errors: 0, lastExchangeAt: null }, projects: [], ...over,
  });
  test('a ServiceNow partner shows its host and table', () => {
    assert.deepEqual(partnerRows({ ...conn(), table: 'incident' } as ConnectionView), [
      { term: 'ServiceNow instance', detail: 'acme.service-now.com' },
      { term: 'Table', detail: 'incident' },
    ]);
    assert.deepEqual(partnerRows(conn())[1], { term: 'Table', detail: 'not reported' });
    assert.equal(roleText(conn()), 'Connected from this site');
  });
  test('a Jira partner keeps its endpoint and invitation role', () => {
    const pending = conn({ partnerKind: 'jira', partnerEndpoint: null, state: 'pending', partner: { name: null, site: null, contacts: [], catalog: { statuses: [], priorities: [], issueTypes: [] }, updatedAt: null } });
    assert.deepEqual(partnerRows(pending), [{ term: 'Partner', detail: 'not known yet' }, { term: 'Partner site', detail: 'not known yet' }, { term: 'Partner endpoint', detail: 'not known yet' }]);
    assert.equal(roleText(conn({ partnerKind: 'jira', role: 'acceptor' })), 'They invited us');
  });
});
