// A site with a dataDir keeps everything across close and reopen; the seed applies only to a new database.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSeed } from '../../../sandbox/jira/index';
import { adf, fixture } from './site-fixture';

describe('persistence', () => {
  test('issues, comments, properties, links, attachments, users and counters survive a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jira-site-'));
    try {
      const first = fixture({ dataDir });
      const created = await first.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Bug' }, summary: 'Persist me', customfield_10022: { value: 'Sev 3' } } });
      await first.call('POST', `/rest/api/3/issue/${created.json.key}/comment`, { body: adf('kept'), properties: [{ key: 'sd.public.comment', value: { internal: true } }] });
      await first.call('PUT', `/rest/api/3/issue/${created.json.key}/properties/liaison`, { partner: 'GLX-9' });
      await first.call('POST', `/rest/api/3/issue/${created.json.key}/remotelink`, { globalId: 'g-1', object: { title: 'GLX-9', url: 'https://globex.atlassian.net/browse/GLX-9' } });
      await first.call('POST', `/rest/api/3/issue/${created.json.key}/transitions`, { transition: { id: '21' } });
      const boundary = 'p';
      await first.site.request({
        method: 'POST',
        path: `/rest/api/3/issue/${created.json.key}/attachments`,
        headers: { 'x-atlassian-token': 'no-check', 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="n.txt"\r\n\r\nbytes\r\n--${boundary}--\r\n`,
        actor: { accountId: first.admin },
      });
      first.site.addUser({ accountId: 'app-1', displayName: 'Liaison', accountType: 'app' });
      const cloudId = first.site.cloudId;
      await first.site.close();
      assert.ok(existsSync(join(dataDir, 'jira-acme.db')));

      // Reopened with a different seed: the stored data wins, the seed is ignored.
      const other = defaultSeed('acme');
      other.issues = [];
      const second = fixture({ dataDir, seed: other });
      assert.equal(second.site.cloudId, cloudId);
      const issue = await second.call('GET', `/rest/api/3/issue/${created.json.key}?fields=summary,status,customfield_10022,comment,attachment&properties=liaison`);
      assert.equal(issue.status, 200);
      assert.equal(issue.json.fields.summary, 'Persist me');
      assert.equal(issue.json.fields.status.name, 'In Progress');
      assert.equal(issue.json.fields.customfield_10022.value, 'Sev 3');
      assert.equal(issue.json.fields.comment.comments[0].jsdPublic, false);
      assert.equal(issue.json.fields.attachment[0].filename, 'n.txt');
      assert.deepEqual(issue.json.properties, { liaison: { partner: 'GLX-9' } });
      assert.equal((await second.call('GET', `/rest/api/3/issue/${created.json.key}/remotelink`)).json.length, 1);
      assert.equal((await second.call('GET', '/rest/api/3/myself', undefined, 'app-1')).json.displayName, 'Liaison');
      const log = await second.call('GET', `/rest/api/3/issue/${created.json.key}/changelog`);
      assert.ok(log.json.total >= 3);
      // Counters continue: the next key follows the last one.
      const next = await second.call('POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: 'After restart' } });
      const n = (key: string) => Number(key.split('-')[1]);
      assert.equal(n(next.json.key), n(created.json.key) + 1);
      assert.equal(Number(next.json.id), Number(created.json.id) + 1);
      await second.site.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('without a dataDir nothing is written and every site starts from its seed', async () => {
    const a = fixture();
    await a.call('PUT', '/rest/api/3/issue/ACME-1', { fields: { summary: 'changed' } });
    await a.site.close();
    const b = fixture();
    assert.equal((await b.call('GET', '/rest/api/3/issue/ACME-1?fields=summary')).json.fields.summary, 'Login page returns 500 after password reset');
    await b.site.close();
  });
});
