// The sandbox as a person meets it: an emulated Jira Cloud site reached over HTTP with basic auth,
// and a Forge app installed on it whose trigger receives the product event Jira documents.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxClock } from '../../sandbox/platform';
import { SandboxWorld } from '../../sandbox/world';
import { appRoot } from '../support/paths';

const probeApp = join(appRoot, 'test/fixtures/apps/platform-probe');

function basic(site: { email: string; apiToken: string }): string {
  return `Basic ${Buffer.from(`${site.email}:${site.apiToken}`).toString('base64')}`;
}

async function storedEvent(world: SandboxWorld, key: string, eventType: string): Promise<Record<string, unknown> | null> {
  const inst = world.site('acme').installation;
  const got = (await inst.invokeResolver('probe-panel', 'kvs-get', { key: `event:${key}:${eventType}` }, { accountId: 'tester' })) as { value: { event: Record<string, unknown> } | null };
  return got.value?.event ?? null;
}

describe('sandbox world: Jira site + Forge runtime', () => {
  let dataDir: string;
  let world: SandboxWorld;
  let baseUrl: string;
  let auth: string;

  // A manual clock: Forge's product-event delay (up to 3 minutes) is on, and settle() moves time
  // until the events on their way have landed instead of waiting for them in real time.
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'liaison-world-'));
    world = await SandboxWorld.start({ appDir: probeApp, dataDir, clock: new SandboxClock({ mode: 'manual' }), sites: [{ name: 'acme', port: 0 }] });
    baseUrl = world.site('acme').jira.baseUrl;
    auth = basic(world.site('acme').admin);
  });

  after(async () => {
    await world.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('an issue created over HTTP basic auth reaches the app trigger with the documented payload', async () => {
    const res = await fetch(`${baseUrl}/rest/api/3/issue`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        fields: {
          project: { key: 'ACME' },
          issuetype: { name: 'Bug' },
          summary: 'Printer on fire',
          description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Smoke everywhere.' }] }] },
          labels: ['hardware'],
        },
      }),
    });
    assert.equal(res.status, 201);
    const created = (await res.json()) as { id: string; key: string; self: string };
    assert.match(created.key, /^ACME-\d+$/);

    await world.settle();
    const event = await storedEvent(world, created.key, 'avi:jira:created:issue');
    assert.ok(event, 'the created-issue trigger ran');
    assert.equal(event.eventType, 'avi:jira:created:issue');
    assert.equal(event.atlassianId, world.site('acme').admin.accountId);
    assert.deepEqual(event.context, { cloudId: world.site('acme').jira.cloudId, moduleKey: 'issue-created' });
    const issue = event.issue as { id: string; key: string; fields: Record<string, unknown> };
    assert.equal(issue.id, created.id);
    assert.equal(issue.key, created.key);
    assert.equal(issue.fields.summary, 'Printer on fire');
    assert.equal((issue.fields.issuetype as { name: string }).name, 'Bug');
    assert.equal((issue.fields.project as { key: string }).key, 'ACME');
    // Forge sends only a small subset of fields: the rest must be read over REST.
    assert.equal('description' in issue.fields, false);
    assert.equal('labels' in issue.fields, false);
  });

  test('an edit reaches the updated-issue trigger with its changelog', async () => {
    const res = await fetch(`${baseUrl}/rest/api/3/issue/ACME-1`, {
      method: 'PUT',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { summary: 'Login page returns 500 (again)' } }),
    });
    assert.equal(res.status, 204);
    await world.settle();
    const event = await storedEvent(world, 'ACME-1', 'avi:jira:updated:issue');
    assert.ok(event, 'the updated-issue trigger ran');
    const items = (event.changelog as { items: Array<Record<string, unknown>> }).items;
    assert.deepEqual(
      items.map((i) => [i.field, i.fromString, i.toString]),
      [['summary', 'Login page returns 500 after password reset', 'Login page returns 500 (again)']],
    );
  });

  test('requests without valid credentials are refused as Jira Cloud refuses them', async () => {
    const anonymous = await fetch(`${baseUrl}/rest/api/3/myself`);
    assert.equal(anonymous.status, 401);
    const wrong = await fetch(`${baseUrl}/rest/api/3/myself`, { headers: { authorization: basic({ email: 'admin@acme.example', apiToken: 'nope' }) } });
    assert.equal(wrong.status, 401);
    const me = await fetch(`${baseUrl}/rest/api/3/myself`, { headers: { authorization: auth } });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { emailAddress: string }).emailAddress, 'admin@acme.example');
  });

  test('describe() lists what npm start prints: URLs, credentials, projects, web triggers', () => {
    const d = world.describe();
    assert.equal(d.sites.length, 1);
    const acme = d.sites[0]!;
    assert.equal(acme.kind, 'jira');
    assert.equal(acme.baseUrl, baseUrl);
    assert.deepEqual(acme.projects, ['ACME']);
    assert.equal(acme.user.email, 'admin@acme.example');
    assert.deepEqual(Object.keys(acme.webTriggers).sort(), ['broken', 'inbox', 'inbox-v2']);
    // Each URL has the form of its module's urlFormat (v1 when the manifest names none).
    for (const key of ['broken', 'inbox']) assert.match(acme.webTriggers[key]!, /^https:\/\/[0-9a-f-]+\.hello\.atlassian-dev\.net\/x1\/\S+$/);
    assert.match(acme.webTriggers['inbox-v2']!, /^https:\/\/[0-9a-f-]+\.webtrigger\.atlassian\.app\/public\/\S+$/);
    assert.deepEqual(d.pairs, []);
  });

  test('a restart on the same data folder keeps issues, storage and web trigger URLs', async () => {
    const before = world.describe().sites[0]!.webTriggers;
    await world.close();
    world = await SandboxWorld.start({ appDir: probeApp, dataDir, clock: new SandboxClock({ mode: 'manual' }), sites: [{ name: 'acme', port: 0 }] });
    baseUrl = world.site('acme').jira.baseUrl;
    assert.deepEqual(world.describe().sites[0]!.webTriggers, before);
    const res = await fetch(`${baseUrl}/rest/api/3/search/jql?jql=${encodeURIComponent('labels = hardware')}&fields=summary`, { headers: { authorization: auth } });
    assert.equal(res.status, 200);
    const page = (await res.json()) as { issues: Array<{ fields: { summary: string } }> };
    assert.deepEqual(page.issues.map((i) => i.fields.summary), ['Printer on fire']);
    const stored = await storedEvent(world, 'ACME-1', 'avi:jira:updated:issue');
    assert.ok(stored, 'app storage survived the restart');
  });
});
