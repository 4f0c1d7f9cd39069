// An instance with a dataDir keeps everything across close and reopen; the seed applies only to a new database.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIENT_CREDENTIALS_PROPERTY } from '../../../sandbox/servicenow';
import { basic, fixture } from './sn-fixture';

describe('persistence', () => {
  test('records, journal, attachments, users, OAuth clients, tokens and number counters survive a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sn-instance-'));
    try {
      const first = fixture({ dataDir });
      first.sn.setProperty(CLIENT_CREDENTIALS_PROPERTY, 'true');
      const created = (await first.call('POST', '/api/now/table/incident', { short_description: 'Persist me', comments: 'kept', impact: '1', urgency: '1' })).json.result;
      const bytes = new Uint8Array([0, 1, 2, 250, 255]);
      const att = await first.raw('POST', `/api/now/attachment/file?table_name=incident&table_sys_id=${created.sys_id}&file_name=b.bin`, { Authorization: basic('liaison.integration'), 'Content-Type': 'application/octet-stream' }, bytes);
      first.sn.addUser({ user_name: 'late.joiner', name: 'Late Joiner', password: 'pw', roles: ['itil'] });
      const clientId = first.sn.sysIdOf('oauth_entity', 'liaison');
      const token = await first.raw('POST', '/oauth_token.do', { 'content-type': 'application/x-www-form-urlencoded' }, `grant_type=client_credentials&client_id=${clientId}&client_secret=liaison-initech-client-secret`);
      await first.sn.close();
      assert.ok(existsSync(join(dataDir, 'servicenow-initech.db')));

      const second = fixture({ dataDir, seed: { users: [], oauthClients: [], records: [] } });
      const got = await second.call('GET', `/api/now/table/incident/${created.sys_id}?sysparm_display_value=all&sysparm_fields=short_description,priority,comments`);
      assert.equal(got.json.result.short_description.value, 'Persist me');
      assert.equal(got.json.result.priority.value, '1');
      assert.match(got.json.result.comments.display_value, /kept/);
      const file = await second.raw('GET', `/api/now/attachment/${att.json.result.sys_id}/file`, { Authorization: basic('liaison.integration') });
      assert.deepEqual(new Uint8Array(file.bytes!), bytes);
      assert.equal((await second.raw('GET', '/api/now/table/incident?sysparm_limit=1', { Authorization: basic('late.joiner', 'pw') })).status, 200);
      assert.equal((await second.raw('GET', '/api/now/table/incident?sysparm_limit=1', { Authorization: `Bearer ${token.json.access_token}` })).status, 200);
      const next = (await second.call('POST', '/api/now/table/incident', { short_description: 'After restart' })).json.result;
      assert.equal(Number(next.number.slice(3)), Number(created.number.slice(3)) + 1);
      assert.equal((await second.call('GET', '/api/now/table/incident')).headers['x-total-count'], '6', 'the seed was not applied again');
      await second.sn.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('without a dataDir every instance starts from its seed', async () => {
    const a = fixture();
    await a.call('POST', '/api/now/table/incident', { short_description: 'only in a' });
    await a.sn.close();
    const b = fixture();
    assert.equal((await b.call('GET', '/api/now/table/incident')).headers['x-total-count'], '4');
    await b.sn.close();
  });
});
