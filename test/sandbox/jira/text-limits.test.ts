// Jira Cloud's text limits in the emulator: an over-long summary, description or comment is a 400
// with Jira's error shape and message, and nothing is written.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adf, fixture } from './site-fixture';

describe('text limits (summary 255, description and comment 32,767)', () => {
  const f = fixture();
  after(() => f.site.close());
  const create = (fields: Record<string, unknown>) => f.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: 'ok', ...fields } });

  test('a 256-character summary is refused with Jira\'s shape; 255 is taken', async () => {
    const refused = await create({ summary: 'x'.repeat(256) });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.json, { errorMessages: [], errors: { summary: "Summary can't exceed 255 characters." } });
    const taken = await create({ summary: 'x'.repeat(255) });
    assert.equal(taken.status, 201, taken.text);
  });

  test('a description over 32,767 characters is refused on create and edit, the issue unchanged', async () => {
    const refused = await create({ description: adf('d'.repeat(32_768)) });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.json, { errorMessages: [], errors: { description: 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.' } });
    const made = await create({ description: adf('d'.repeat(32_767)) });
    assert.equal(made.status, 201, made.text);
    const edit = await f.call('PUT', `/rest/api/3/issue/${made.json.key}`, { fields: { description: adf('e'.repeat(40_000)) } });
    assert.equal(edit.status, 400);
    const got = await f.call('GET', `/rest/api/3/issue/${made.json.key}?fields=description`);
    assert.deepEqual(got.json.fields.description, adf('d'.repeat(32_767)));
  });

  test('a comment over 32,767 characters is refused and not added', async () => {
    const issue = await create({});
    const refused = await f.call('POST', `/rest/api/3/issue/${issue.json.key}/comment`, { body: adf('c'.repeat(300_000)) });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.json, { errorMessages: [], errors: { comment: 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.' } });
    const list = await f.call('GET', `/rest/api/3/issue/${issue.json.key}/comment`);
    assert.equal(list.json.total, 0);
  });
});
