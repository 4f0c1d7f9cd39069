// Comments: ADF bodies, paging, visibility, the JSM internal flag (sd.public.comment) and comment properties.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adf, fixture } from './site-fixture';

describe('comments', () => {
  const f = fixture();
  after(() => f.site.close());

  test('add, read, edit and delete a comment', async () => {
    const added = await f.call('POST', '/rest/api/3/issue/ACME-2/comment', { body: adf('First look') }, f.agent);
    assert.equal(added.status, 201, added.text);
    assert.deepEqual(added.json.body, adf('First look'));
    assert.equal(added.json.author.accountId, f.agent);
    assert.equal(added.json.jsdPublic, true);
    const id = added.json.id;
    const got = await f.call('GET', `/rest/api/3/issue/ACME-2/comment/${id}`);
    assert.equal(got.json.id, id);
    const edited = await f.call('PUT', `/rest/api/3/issue/ACME-2/comment/${id}`, { body: adf('Second look') }, f.admin);
    assert.equal(edited.status, 200);
    assert.equal(edited.json.updateAuthor.accountId, f.admin);
    assert.deepEqual(edited.json.body, adf('Second look'));
    assert.equal((await f.call('DELETE', `/rest/api/3/issue/ACME-2/comment/${id}`)).status, 204);
    const gone = await f.call('GET', `/rest/api/3/issue/ACME-2/comment/${id}`);
    assert.equal(gone.status, 404);
    assert.deepEqual(gone.json.errorMessages, [`Can not find a comment for the id: ${id}.`]);
  });

  test('a comment on another issue is not found through this one', async () => {
    const added = await f.call('POST', '/rest/api/3/issue/ACME-2/comment', { body: adf('here') });
    assert.equal((await f.call('GET', `/rest/api/3/issue/ACME-3/comment/${added.json.id}`)).status, 404);
  });

  test('paging with startAt/maxResults/total and orderBy', async () => {
    for (const n of [1, 2, 3]) await f.call('POST', '/rest/api/3/issue/ACME-3/comment', { body: adf(`c${n}`) });
    const page = await f.call('GET', '/rest/api/3/issue/ACME-3/comment?startAt=1&maxResults=1');
    assert.equal(page.json.total, 3);
    assert.equal(page.json.startAt, 1);
    assert.equal(page.json.maxResults, 1);
    assert.deepEqual(page.json.comments.map((c: { body: unknown }) => c.body), [adf('c2')]);
    const newest = await f.call('GET', '/rest/api/3/issue/ACME-3/comment?orderBy=-created&maxResults=1');
    assert.deepEqual(newest.json.comments[0].body, adf('c3'));
  });

  test('bodies must be ADF and visibility well formed', async () => {
    const plain = await f.call('POST', '/rest/api/3/issue/ACME-2/comment', { body: 'plain' });
    assert.equal(plain.status, 400);
    assert.equal(plain.json.errors.comment, 'Operation value must be an Atlassian Document');
    const empty = await f.call('POST', '/rest/api/3/issue/ACME-2/comment', {});
    assert.equal(empty.json.errors.comment, 'Comment body can not be empty!');
    const notDoc = await f.call('POST', '/rest/api/3/issue/ACME-2/comment', { body: { type: 'paragraph', content: [] } });
    assert.equal(notDoc.status, 400);
    const noValue = await f.call('POST', '/rest/api/3/issue/ACME-2/comment', { body: adf('x'), visibility: { type: 'group' } });
    assert.equal(noValue.status, 400);
  });

  test('sd.public.comment marks a comment internal, readable as jsdPublic and as a property', async () => {
    const internal = await f.call('POST', '/rest/api/3/issue/ACME-2/comment', {
      body: adf('Agents only'),
      properties: [{ key: 'sd.public.comment', value: { internal: true } }],
    });
    assert.equal(internal.json.jsdPublic, false);
    const id = internal.json.id;
    const prop = await f.call('GET', `/rest/api/3/comment/${id}/properties/sd.public.comment`);
    assert.deepEqual(prop.json, { key: 'sd.public.comment', value: { internal: true } });
    const expanded = await f.call('GET', `/rest/api/3/issue/ACME-2/comment/${id}?expand=properties`);
    assert.deepEqual(expanded.json.properties, [{ key: 'sd.public.comment', value: { internal: true } }]);
    // flipping the property makes it public again
    assert.equal((await f.call('PUT', `/rest/api/3/comment/${id}/properties/sd.public.comment`, { internal: false })).status, 200);
    assert.equal((await f.call('GET', `/rest/api/3/issue/ACME-2/comment/${id}`)).json.jsdPublic, true);
    const keys = await f.call('GET', `/rest/api/3/comment/${id}/properties`);
    assert.deepEqual(keys.json.keys.map((k: { key: string }) => k.key), ['sd.public.comment']);
    assert.equal((await f.call('DELETE', `/rest/api/3/comment/${id}/properties/sd.public.comment`)).status, 204);
    assert.equal((await f.call('GET', `/rest/api/3/comment/${id}/properties/sd.public.comment`)).status, 404);
  });

  test('the seeded internal comment is flagged', async () => {
    const list = await f.call('GET', '/rest/api/3/issue/ACME-1/comment');
    assert.deepEqual(list.json.comments.map((c: { jsdPublic: boolean }) => c.jsdPublic), [true, false]);
  });

  test('group visibility hides a comment from non-members', async () => {
    const restricted = await f.call('POST', '/rest/api/3/issue/ACME-4/comment', {
      body: adf('Admins only'),
      visibility: { type: 'group', value: 'jira-admins' },
    });
    assert.deepEqual(restricted.json.visibility, { type: 'group', value: 'jira-admins', identifier: 'jira-admins' });
    const asAgent = await f.call('GET', '/rest/api/3/issue/ACME-4/comment', undefined, f.agent);
    assert.equal(asAgent.json.total, 0);
    const asAdmin = await f.call('GET', '/rest/api/3/issue/ACME-4/comment');
    assert.equal(asAdmin.json.total, 1);
  });

  test('only the author or someone with edit-all rights may change a comment', async () => {
    const mine = await f.call('POST', '/rest/api/3/issue/ACME-4/comment', { body: adf('admin wrote') });
    const other = f.seed.users[2]!.accountId;
    const res = await f.call('PUT', `/rest/api/3/issue/ACME-4/comment/${mine.json.id}`, { body: adf('hijack') }, other);
    assert.equal(res.status, 403);
  });
});
