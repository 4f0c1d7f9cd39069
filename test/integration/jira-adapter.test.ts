// The Jira adapter inside the offline Forge runtime, against an emulated Jira Cloud site: given a
// seeded site, when the app reads or applies a change through the adapter, then the site shows it,
// in the fewest REST calls.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SandboxWorld, type WorldSite } from '../../sandbox/world';
import { appRoot } from '../support/paths';

const appDir = join(appRoot, 'test/fixtures/apps/jira-adapter-probe');
type Outcome = { ok: true; value: any } | { ok: false; error: { message: string; transient: boolean; status: number | null; field: string | null; retryAfterMs: number | null } }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Jira adapter on an emulated site', () => {
  let world: SandboxWorld;
  let acme: WorldSite;

  const call = async (fn: string, payload: Record<string, unknown>): Promise<Outcome> =>
    (await acme.installation.invokeResolver('adapter-probe', fn, payload, { accountId: acme.admin.accountId })) as Outcome;
  const ok = async (fn: string, payload: Record<string, unknown>) => {
    const out = await call(fn, payload);
    if (!out.ok) throw new Error(`${fn} failed: ${out.error.message}`);
    return out.value;
  };
  /** What an admin sees on the site, read straight from the emulator. */
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await acme.jira.request({ method, path, headers: body ? { 'content-type': 'application/json' } : {}, ...(body ? { body: JSON.stringify(body) } : {}), actor: { accountId: acme.admin.accountId } });
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${res.body}`);
    return res.body ? JSON.parse(res.body) : null;
  };
  const products = () => acme.installation.recorder.entries({ kind: 'product' }) as Array<{ method: string; path: string }>;

  before(async () => {
    world = await SandboxWorld.start({ appDir, sites: [{ name: 'acme' }] });
    acme = world.site('acme');
  });
  after(async () => world.close());
  beforeEach(() => acme.installation.recorder.reset());

  test('reading an issue takes one GET with only the needed fields', async () => {
    const { id } = await admin('GET', '/rest/api/3/issue/ACME-1?fields=summary');
    acme.installation.recorder.reset();
    const snap = await ok('getIssue', { id, read: { fields: ['summary', 'status', 'assignee', 'custom:10022'], comments: true, attachments: false, includeEmail: false } });
    assert.deepEqual(products().map((p) => p.method), ['GET']);
    assert.equal(snap.key, 'ACME-1');
    assert.deepEqual(snap.fields.summary.value, { kind: 'text', text: 'Login page returns 500 after password reset' });
    assert.deepEqual(snap.fields.status.value, { kind: 'option', name: 'To Do' });
    assert.equal(snap.fields.assignee.value.displayName, 'Acme Agent One');
    assert.equal(snap.fields.assignee.value.email, undefined);
    assert.deepEqual(snap.fields['custom:10022'].value, { kind: 'option', name: 'Sev 2' });
    assert.deepEqual(snap.comments.map((c: { internal: boolean }) => c.internal), [false, true]);
  });

  test('bulk sync reads a page of issues in one search, each snapshot equal to its own GET', async () => {
    const read = { fields: ['summary', 'status', 'assignee', 'priority', 'labels', 'custom:10022'], comments: true, attachments: true, includeEmail: false };
    const ids: string[] = [];
    for (const key of ['ACME-1', 'ACME-2', 'ACME-3']) ids.push((await admin('GET', `/rest/api/3/issue/${key}?fields=summary`)).id);
    acme.installation.recorder.reset();
    const many = await ok('getIssues', { ids, read });
    assert.deepEqual(products().map((p) => `${p.method} ${p.path.split('?')[0]}`), ['POST /rest/api/3/search/jql']);
    assert.deepEqual(Object.keys(many).sort(), [...ids].sort());
    for (const id of ids) assert.deepEqual(many[id], await ok('getIssue', { id, read }), `issue ${id}`);
    // Jira refuses an id list naming an issue that is gone: the caller is told to read one by one.
    assert.equal(await ok('getIssues', { ids: [...ids, '99999'], read }), null);
  });

  test('one PUT carries every plain field; the person is found by email', async () => {
    const { id } = await admin('GET', '/rest/api/3/issue/ACME-3?fields=summary');
    acme.installation.recorder.reset();
    const stored = await ok('updateFields', { id, edits: [
      { field: 'summary', partnerField: 'summary', value: { kind: 'text', text: 'Export tickets to CSV and XLSX' } },
      { field: 'description', partnerField: 'description', value: { kind: 'rich', doc: { type: 'doc', content: [{ type: 'heading', level: 2, content: [{ type: 'text', text: 'Why' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'Finance', marks: [{ type: 'strong' }] }, { type: 'degraded', text: ' @Globex Lead', origin: 'mention' }] }] } } },
      { field: 'priority', partnerField: 'priority', value: { kind: 'option', name: 'High' } },
      { field: 'labels', partnerField: 'labels', value: { kind: 'options', names: ['export', 'finance'] } },
      { field: 'duedate', partnerField: 'duedate', value: { kind: 'date', date: '2031-03-01' } },
      { field: 'assignee', partnerField: 'assignee', value: { kind: 'user', displayName: 'Partner Name', email: 'agent2@acme.example' } },
      { field: 'custom:10021', partnerField: 'custom:10021', value: { kind: 'number', value: 8 } },
      { field: 'custom:10022', partnerField: 'custom:10022', value: { kind: 'option', name: 'Sev 1' } },
    ] });
    assert.deepEqual(products().map((p) => `${p.method} ${p.path.split('?')[0]}`), ['GET /rest/api/3/user/search', `PUT /rest/api/3/issue/${id}`]);
    assert.equal(stored.assignee.displayName, 'Acme Agent Two');
    const issue = await admin('GET', `/rest/api/3/issue/${id}?fields=summary,description,priority,labels,duedate,assignee,customfield_10021,customfield_10022`);
    assert.equal(issue.fields.summary, 'Export tickets to CSV and XLSX');
    assert.equal(issue.fields.description.content[0].type, 'heading');
    assert.equal(issue.fields.priority.name, 'High');
    assert.deepEqual(issue.fields.labels, ['export', 'finance']);
    assert.equal(issue.fields.duedate, '2031-03-01');
    assert.equal(issue.fields.assignee.displayName, 'Acme Agent Two');
    assert.equal(issue.fields.customfield_10021, 8);
    assert.equal(issue.fields.customfield_10022.value, 'Sev 1');
  });

  test('a value Jira refuses is a permanent error naming the field; a 429 is transient with its Retry-After', async () => {
    const { id } = await admin('GET', '/rest/api/3/issue/ACME-2?fields=summary');
    const tooLong = await call('updateFields', { id, edits: [{ field: 'custom:10020', partnerField: 'custom:10020', value: { kind: 'text', text: 'x'.repeat(300) } }] });
    assert.equal(tooLong.ok, false);
    if (!tooLong.ok) {
      assert.equal(tooLong.error.transient, false);
      assert.equal(tooLong.error.field, 'custom:10020');
      assert.match(tooLong.error.message, /custom:10020: The entered text is too long/);
    }
    acme.jira.faults.rateLimit({ next: 1, retryAfterSeconds: 3 });
    const limited = await call('updateFields', { id, edits: [{ field: 'summary', partnerField: 'summary', value: { kind: 'text', text: 'Renew TLS' } }] });
    acme.jira.faults.reset();
    assert.equal(limited.ok, false);
    if (!limited.ok) assert.deepEqual([limited.error.transient, limited.error.status, limited.error.retryAfterMs], [true, 429, 3000]);
  });

  test('status moves through a workflow transition', async () => {
    const { id } = await admin('GET', '/rest/api/3/issue/ACME-1?fields=summary');
    await ok('transition', { id, transitionId: '21' });
    const issue = await admin('GET', `/rest/api/3/issue/${id}?fields=status`);
    assert.equal(issue.fields.status.name, 'In Progress');
    const refused = await call('transition', { id, transitionId: '21' });
    assert.equal(refused.ok, false);
    if (!refused.ok) assert.deepEqual([refused.error.field, refused.error.transient], ['status', false]);
  });

  test('create tags the issue with its pair in the one create call', async () => {
    const created = await ok('createIssue', { input: { pairId: 'p-0123abcd', projectKey: 'ACME', issueType: 'Task', edits: [
      { field: 'summary', partnerField: 'summary', value: { kind: 'text', text: 'Mirrored from Globex' } },
      { field: 'labels', partnerField: 'labels', value: { kind: 'options', names: ['globex'] } },
    ] } });
    assert.deepEqual(products().map((p) => `${p.method} ${p.path}`), ['POST /rest/api/3/issue']);
    assert.match(created.key, /^ACME-\d+$/);
    const prop = await admin('GET', `/rest/api/3/issue/${created.id}/properties/liaisonPair`);
    assert.deepEqual(prop.value, { pairId: 'p-0123abcd' });
    const snap = await ok('getIssue', { id: created.id });
    assert.deepEqual(snap.fields.labels.value, { kind: 'options', names: ['globex'] });
    assert.deepEqual(snap.fields.issuetype.value, { kind: 'option', name: 'Task' });
  });

  test('comments: an internal one is agent-only in Jira, edits keep the author, deletes stick', async () => {
    const { id } = await admin('GET', '/rest/api/3/issue/ACME-2?fields=summary');
    const body = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    const commentId = await ok('addComment', { id, comment: { body: body('Cert expires Friday'), internal: true, author: { displayName: 'Globex Agent' } } });
    let seen = await admin('GET', `/rest/api/3/issue/${id}/comment/${commentId}?expand=properties`);
    assert.equal(seen.jsdPublic, false);
    assert.match(JSON.stringify(seen.body), /Globex Agent wrote:.*Cert expires Friday/);
    await ok('updateComment', { id, commentId, body: body('Cert expires Monday') });
    seen = await admin('GET', `/rest/api/3/issue/${id}/comment/${commentId}`);
    assert.match(JSON.stringify(seen.body), /Globex Agent wrote:.*Cert expires Monday/);
    const snap = await ok('getIssue', { id });
    assert.equal(snap.comments.find((c: { id: string }) => c.id === commentId).internal, true);
    await ok('deleteComment', { id, commentId });
    await ok('deleteComment', { id, commentId }); // a repeat finds it gone and is fine
    const list = await admin('GET', `/rest/api/3/issue/${id}/comment`);
    assert.equal(list.comments.some((c: { id: string }) => c.id === commentId), false);
  });

  test('attachments upload as multipart under the cap and are refused over it', async () => {
    const { id } = await admin('GET', '/rest/api/3/issue/ACME-2?fields=summary');
    const attachment = { id: 'g-77', filename: 'notes.txt', mimeType: 'text/plain', size: 11, ref: 'partner:77' };
    const attId = await ok('addAttachment', { id, attachment, contents: { 'partner:77': 'hello globe' } });
    const meta = await admin('GET', `/rest/api/3/attachment/${attId}`);
    assert.deepEqual([meta.filename, meta.size, meta.mimeType], ['notes.txt', 11, 'text/plain']);
    const over = await call('addAttachment', { id, attachment, contents: { 'partner:77': 'hello globe' }, maxBytes: 10 });
    assert.equal(over.ok, false);
    if (!over.ok) assert.deepEqual([over.error.field, over.error.transient], ['attachments', false]);
  });

  test('the partner link is one remote link, updated in place', async () => {
    const { id } = await admin('GET', '/rest/api/3/issue/ACME-2?fields=summary');
    const link = { pairId: 'p-0123abcd', url: 'https://globex.atlassian.net/browse/GLX-9', title: 'GLX-9' };
    const first = await ok('linkPartner', { id, link });
    const second = await ok('linkPartner', { id, link: { ...link, resolved: true } });
    assert.equal(second, first);
    const links = await admin('GET', `/rest/api/3/issue/${id}/remotelink`);
    assert.equal(links.length, 1);
    assert.deepEqual([links[0].globalId, links[0].object.title, links[0].object.status], ['liaison:pair:p-0123abcd', 'GLX-9', { resolved: true }]);
  });
});
