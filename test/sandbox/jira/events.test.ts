// Forge product events: emitted after the response, with the documented payload shapes.
import { after, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiteEvent } from '../../../sandbox/jira/index';
import { adf, fixture, type Json } from './site-fixture';

const EVENT_ISSUE_FIELDS = ['assignee', 'created', 'creator', 'issuetype', 'project', 'reporter', 'status', 'summary', 'updated'];

describe('product events', () => {
  const f = fixture();
  const events: SiteEvent[] = [];
  f.site.onEvent((e) => events.push(e));
  beforeEach(() => {
    events.length = 0;
  });
  after(() => f.site.close());
  const payload = (i: number): Json => events[i]!.payload;

  test('events arrive only after the causing request has answered', async () => {
    const pending = f.call('PUT', '/rest/api/3/issue/ACME-2', { fields: { summary: 'Renew TLS now' } }, f.agent);
    const res = await pending;
    assert.equal(res.status, 204);
    assert.equal(events.length, 0, 'no event may be delivered before the response');
    await f.site.settled();
    assert.equal(events.length, 1);
  });

  test('avi:jira:updated:issue carries changelog {id, items}, the small field subset and the actor', async () => {
    await f.call('PUT', '/rest/api/3/issue/ACME-2', { fields: { summary: 'Renew TLS today', labels: ['ops', 'tls'] } }, f.agent);
    await f.site.settled();
    assert.equal(events.length, 1);
    const e = events[0]!;
    assert.equal(e.eventType, 'avi:jira:updated:issue');
    assert.equal(e.actorAccountId, f.agent);
    const p = payload(0);
    assert.equal(p.eventType, 'avi:jira:updated:issue');
    assert.equal(p.atlassianId, f.agent);
    assert.deepEqual(p.associatedUsers, [{ accountId: f.agent }]);
    assert.equal(p.issue.key, 'ACME-2');
    assert.deepEqual(Object.keys(p.issue.fields).sort(), EVENT_ISSUE_FIELDS);
    assert.equal(p.issue.fields.summary, 'Renew TLS today');
    assert.match(p.changelog.id, /^\d+$/);
    assert.deepEqual(p.changelog.items.map((i: { field: string }) => i.field), ['summary', 'labels']);
    // the changelog id is the one the REST changelog shows
    const log = await f.call('GET', '/rest/api/3/issue/ACME-2/changelog');
    assert.equal(log.json.values.at(-1).id, p.changelog.id);
  });

  test('a no-op edit emits nothing', async () => {
    await f.call('PUT', '/rest/api/3/issue/ACME-2', { fields: { summary: 'Renew TLS today' } });
    await f.site.settled();
    assert.equal(events.length, 0);
  });

  test('create, transition, assign and delete', async () => {
    const created = await f.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: 'Evented' } });
    await f.call('POST', `/rest/api/3/issue/${created.json.key}/transitions`, { transition: { id: '31' } });
    await f.call('PUT', `/rest/api/3/issue/${created.json.key}`, { fields: { assignee: { accountId: f.agent } } });
    await f.call('DELETE', `/rest/api/3/issue/${created.json.key}`);
    await f.site.settled();
    assert.deepEqual(events.map((e) => e.eventType), [
      'avi:jira:created:issue',
      'avi:jira:updated:issue',
      'avi:jira:updated:issue',
      'avi:jira:assigned:issue',
      'avi:jira:deleted:issue',
    ]);
    assert.equal(payload(0).issue.fields.creator.accountId, f.admin);
    assert.equal(payload(0).changelog, undefined);
    const status = payload(1).changelog.items[0];
    assert.deepEqual([status.field, status.fromString, status.toString], ['status', 'To Do', 'Done']);
    assert.equal(payload(1).issue.fields.status.name, 'Done');
    assert.equal(payload(4).issue.key, created.json.key);
    assert.deepEqual(Object.keys(payload(4).issue.fields).sort(), EVENT_ISSUE_FIELDS);
  });

  test('comments: commented on add and edit, deleted:comment on delete', async () => {
    const c = await f.call('POST', '/rest/api/3/issue/ACME-3/comment', { body: adf('hello') }, f.agent);
    await f.call('PUT', `/rest/api/3/issue/ACME-3/comment/${c.json.id}`, { body: adf('hello again') }, f.agent);
    await f.call('DELETE', `/rest/api/3/issue/ACME-3/comment/${c.json.id}`);
    await f.site.settled();
    assert.deepEqual(events.map((e) => e.eventType), ['avi:jira:commented:issue', 'avi:jira:commented:issue', 'avi:jira:deleted:comment']);
    assert.equal(payload(0).comment.id, c.json.id);
    assert.deepEqual(payload(0).comment.body, adf('hello'));
    assert.equal(payload(0).comment.author.accountId, f.agent);
    assert.equal(payload(0).issue.key, 'ACME-3');
    assert.deepEqual(payload(1).comment.body, adf('hello again'));
    assert.equal(payload(2).comment.id, c.json.id);
    assert.equal(payload(2).atlassianId, f.admin);
  });

  test('a rejected request emits nothing', async () => {
    await f.call('PUT', '/rest/api/3/issue/ACME-2', { fields: { summary: '' } });
    await f.call('POST', '/rest/api/3/issue/ACME-2/transitions', { transition: { id: '999' } });
    await f.site.settled();
    assert.equal(events.length, 0);
  });

  test('a throwing subscriber does not stop the others; unsubscribe works', async () => {
    const seen: string[] = [];
    const offBad = f.site.onEvent(() => {
      throw new Error('subscriber bug');
    });
    const offGood = f.site.onEvent((e) => seen.push(e.eventType));
    const originalError = console.error;
    console.error = () => {};
    try {
      await f.call('PUT', '/rest/api/3/issue/ACME-2', { fields: { summary: 'Renew TLS tomorrow' } });
      await f.site.settled();
    } finally {
      console.error = originalError;
      offBad();
      offGood();
    }
    assert.deepEqual(seen, ['avi:jira:updated:issue']);
    await f.call('PUT', '/rest/api/3/issue/ACME-2', { fields: { summary: 'Renew TLS later' } });
    await f.site.settled();
    assert.deepEqual(seen, ['avi:jira:updated:issue']);
  });
});
