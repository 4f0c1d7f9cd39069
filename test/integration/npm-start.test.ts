// `npm start` as a newcomer runs it: it comes up, writes .sandbox/sandbox.json with working
// credentials for the three Jira sites and the ServiceNow instance, and stops cleanly on SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { appRoot } from '../support/paths';
import { REQUEST_TYPE_FIELD } from '../../sandbox/jira/jsm/model';
import { demoCustomerId } from '../../sandbox/demo/service-desk-demo';
import type { SandboxDescription, SandboxJiraSite, SandboxServiceNowSite } from '../../sandbox/world';

const jiraSites = (d: SandboxDescription) => d.sites.filter((s): s is SandboxJiraSite => s.kind === 'jira');
const serviceNowSites = (d: SandboxDescription) => d.sites.filter((s): s is SandboxServiceNowSite => s.kind === 'servicenow');

function startSandbox(dataDir: string, args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', ...args], {
    cwd: appRoot,
    // npm start runs on the wall clock: Forge's delivery delay would make each check below wait up to
    // 3 real minutes, so these starts deliver at once (the delay itself: jira-jira/forge-strict).
    env: { ...process.env, LIAISON_SANDBOX_DIR: dataDir, LIAISON_EVENT_DELAY_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function whenUp(child: ReturnType<typeof startSandbox>, log: { text: string }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (c: Buffer) => (log.text += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      log.text += c.toString();
      if (log.text.includes('Liaison sandbox is up')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited early with ${code}:\n${log.text}`)));
  });
}

test('a second npm start on the same data keeps the connection and the data', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-restart-'));
  try {
    const runs: SandboxDescription[] = [];
    for (const args of [['--fresh'], []]) {
      const child = startSandbox(dataDir, args);
      const exited = once(child, 'exit');
      const log = { text: '' };
      await whenUp(child, log);
      runs.push(JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8')) as SandboxDescription);
      child.kill('SIGTERM');
      const [code] = await exited;
      assert.equal(code, 0, log.text);
    }
    assert.deepEqual(runs[1]!.pairs, runs[0]!.pairs);
    assert.deepEqual(jiraSites(runs[1]!).map((s) => s.webTriggers), jiraSites(runs[0]!).map((s) => s.webTriggers));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/**
 * Polls `read` a bounded number of times until it finds something. The sandbox mirrors within
 * milliseconds; a relay through acme takes a few more hops, and a loaded machine slows each.
 */
async function eventually<T>(read: () => Promise<T[]>): Promise<T[]> {
  let found: T[] = [];
  for (let attempt = 0; attempt < 600 && found.length === 0; attempt++) {
    await new Promise((r) => setTimeout(r, 50));
    found = await read();
  }
  return found;
}

test('npm start brings up acme, globex, umbrella and initech, describes them, and stops on SIGTERM', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-start-'));
  const child = startSandbox(dataDir, ['--fresh']);
  const log = { text: '' };
  const exited = once(child, 'exit');
  try {
    await whenUp(child, log);

    const description = JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8')) as SandboxDescription;
    assert.deepEqual(description.sites.map((s) => [s.name, s.kind]), [['acme', 'jira'], ['globex', 'jira'], ['umbrella', 'jira'], ['initech', 'servicenow']]);
    for (const site of jiraSites(description)) {
      const auth = Buffer.from(`${site.user.email}:${site.user.apiToken}`).toString('base64');
      const me = await fetch(`${site.baseUrl}/rest/api/3/myself`, { headers: { authorization: `Basic ${auth}` } });
      assert.equal(me.status, 200, `${site.name} accepts its printed credentials`);
      assert.equal(((await me.json()) as { accountId: string }).accountId, site.user.accountId);
      assert.ok(site.projects.length > 0);
    }

    const [initech] = serviceNowSites(description);
    assert.ok(initech);
    assert.deepEqual(initech.tables, ['incident']);
    const snAuth = `Basic ${Buffer.from(`${initech.user.username}:${initech.user.password}`).toString('base64')}`;
    const incidents = await fetch(`${initech.baseUrl}/api/now/table/incident?sysparm_limit=1`, { headers: { authorization: snAuth, accept: 'application/json' } });
    assert.equal(incidents.status, 200, 'initech accepts its printed credentials');
    assert.equal(((await incidents.json()) as { result: unknown[] }).result.length, 1);
    const refused = await fetch(`${initech.baseUrl}/api/now/table/incident?sysparm_limit=1`, { headers: { authorization: `Basic ${Buffer.from(`${initech.user.username}:wrong`).toString('base64')}` } });
    assert.equal(refused.status, 401);

    // The demo syncs are preconfigured: acme ↔ globex, acme's project with initech's incidents, and
    // the same project with umbrella's (one project, three partners).
    assert.equal(description.pairs.length, 3);
    const pair = description.pairs[0]!;
    assert.ok('project' in pair.to);
    assert.deepEqual([pair.from.site, pair.to.site], ['acme', 'globex']);
    assert.equal(pair.fields.summary, 'both');
    assert.deepEqual(description.pairs[1], { from: { site: 'acme', project: pair.from.project }, to: { site: 'initech', table: 'incident' }, fields: { summary: 'both', description: 'both', priority: 'both', status: 'both' } });
    const [acme, globex, umbrella] = jiraSites(description) as [SandboxJiraSite, SandboxJiraSite, SandboxJiraSite];
    const third = description.pairs[2]!;
    assert.ok('project' in third.to);
    const umbrellaProject = third.to.project;
    assert.deepEqual([third.from, third.to], [pair.from, { site: 'umbrella', project: umbrella.projects[0] }]);
    const basic = (s: typeof acme) => `Basic ${Buffer.from(`${s.user.email}:${s.user.apiToken}`).toString('base64')}`;
    const created = await fetch(`${acme.baseUrl}/rest/api/3/issue`, {
      method: 'POST',
      headers: { authorization: basic(acme), 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { project: { key: pair.from.project }, issuetype: { name: 'Task' }, summary: 'Shown on the partner by npm start' } }),
    });
    assert.equal(created.status, 201);
    let mirrored: string[] = [];
    // The sandbox mirrors within milliseconds; poll a bounded number of times rather than sleep.
    for (let attempt = 0; attempt < 200 && mirrored.length === 0; attempt++) {
      await new Promise((r) => setTimeout(r, 50));
      const res = await fetch(`${globex.baseUrl}/rest/api/3/search/jql?jql=${encodeURIComponent(`project = ${pair.to.project} AND summary ~ "npm start"`)}&fields=summary`, { headers: { authorization: basic(globex) } });
      mirrored = ((await res.json()) as { issues: Array<{ fields: { summary: string } }> }).issues.map((i) => i.fields.summary);
    }
    assert.deepEqual(mirrored, ['Shown on the partner by npm start']);
    // The same project is shared with initech too: the issue became an incident there.
    let incidents2: string[] = [];
    for (let attempt = 0; attempt < 200 && incidents2.length === 0; attempt++) {
      await new Promise((r) => setTimeout(r, 50));
      const res = await fetch(`${initech.baseUrl}/api/now/table/incident?sysparm_query=${encodeURIComponent('short_descriptionLIKEnpm start')}&sysparm_fields=short_description`, { headers: { authorization: snAuth } });
      incidents2 = ((await res.json()) as { result: Array<{ short_description: string }> }).result.map((r) => r.short_description);
    }
    assert.deepEqual(incidents2, ['Shown on the partner by npm start']);
    // And on umbrella, the third partner of acme's project.
    const search = (site: SandboxJiraSite, project: string, words: string) => async () => {
      const res = await fetch(`${site.baseUrl}/rest/api/3/search/jql?jql=${encodeURIComponent(`project = ${project} AND summary ~ "${words}"`)}&fields=summary`, { headers: { authorization: basic(site) } });
      return ((await res.json()) as { issues: Array<{ key: string; fields: { summary: string } }> }).issues;
    };
    const onUmbrella = await eventually(search(umbrella, umbrellaProject, 'npm start'));
    assert.deepEqual(onUmbrella.map((i) => i.fields.summary), ['Shown on the partner by npm start']);

    // An edit made on globex reaches umbrella through acme (both of acme's rules share the summary).
    const [onGlobex] = await eventually(search(globex, pair.to.project, 'npm start'));
    const edited = await fetch(`${globex.baseUrl}/rest/api/3/issue/${onGlobex!.key}`, {
      method: 'PUT', headers: { authorization: basic(globex), 'content-type': 'application/json' }, body: JSON.stringify({ fields: { summary: 'Shown on every partner by npm start' } }),
    });
    assert.equal(edited.status, 204);
    const relayed = await eventually(async () => (await search(umbrella, umbrellaProject, 'every partner')()).filter((i) => i.key === onUmbrella[0]!.key));
    assert.deepEqual(relayed.map((i) => i.fields.summary), ['Shown on every partner by npm start']);

    // ACME and GLX are service desks with the same request types, and their rule sends request type,
    // participants and SLAs: a request type and a participant set on acme arrive on globex.
    const [onAcme] = await eventually(search(acme, pair.from.project, 'npm start'));
    const put = await fetch(`${acme.baseUrl}/rest/api/3/issue/${onAcme!.key}`, {
      method: 'PUT', headers: { authorization: basic(acme), 'content-type': 'application/json' }, body: JSON.stringify({ fields: { [REQUEST_TYPE_FIELD]: '2' } }),
    });
    assert.equal(put.status, 204);
    const joined = await fetch(`${acme.baseUrl}/rest/servicedeskapi/request/${onAcme!.key}/participant`, {
      method: 'POST', headers: { authorization: basic(acme), 'content-type': 'application/json' }, body: JSON.stringify({ accountIds: [demoCustomerId('acme')] }),
    });
    assert.equal(joined.status, 200);
    type Request = { requestType?: { name: string }; participants?: { values: Array<{ accountId: string }> }; sla?: { values: Array<{ name: string }> } };
    const onGlobexRequest = await eventually(async () => {
      const res = await fetch(`${globex.baseUrl}/rest/servicedeskapi/request/${onGlobex!.key}?expand=requestType,participant,sla`, { headers: { authorization: basic(globex) } });
      const r = (await res.json()) as Request;
      return r.requestType?.name === 'Report a bug' && r.participants?.values.some((p) => p.accountId === demoCustomerId('globex')) ? [r] : [];
    });
    assert.equal(onGlobexRequest.length, 1, 'the request type and Pat (matched by email) arrived on globex');
  } finally {
    child.kill('SIGTERM');
    const [code] = await exited;
    rmSync(dataDir, { recursive: true, force: true });
    assert.equal(code, 0, log.text);
  }
});
