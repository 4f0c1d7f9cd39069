// `npm start` as a newcomer runs it: it comes up, writes .sandbox/sandbox.json with working
// credentials for both sites, and stops cleanly on SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { appRoot } from '../support/paths';
import type { SandboxDescription } from '../../sandbox/world';

function startSandbox(dataDir: string, args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', ...args], {
    cwd: appRoot,
    env: { ...process.env, LIAISON_SANDBOX_DIR: dataDir },
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
    assert.deepEqual(runs[1]!.sites.map((s) => s.webTriggers), runs[0]!.sites.map((s) => s.webTriggers));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('npm start brings up acme and globex, describes them, and stops on SIGTERM', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-start-'));
  const child = startSandbox(dataDir, ['--fresh']);
  const log = { text: '' };
  const exited = once(child, 'exit');
  try {
    await whenUp(child, log);

    const description = JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8')) as SandboxDescription;
    assert.deepEqual(description.sites.map((s) => s.name), ['acme', 'globex']);
    for (const site of description.sites) {
      const auth = Buffer.from(`${site.user.email}:${site.user.apiToken}`).toString('base64');
      const me = await fetch(`${site.baseUrl}/rest/api/3/myself`, { headers: { authorization: `Basic ${auth}` } });
      assert.equal(me.status, 200, `${site.name} accepts its printed credentials`);
      assert.equal(((await me.json()) as { accountId: string }).accountId, site.user.accountId);
      assert.ok(site.projects.length > 0);
    }

    // The demo sync is preconfigured: an edit on acme shows on globex.
    assert.equal(description.pairs.length, 1);
    const pair = description.pairs[0]!;
    assert.deepEqual([pair.from.site, pair.to.site], ['acme', 'globex']);
    assert.equal(pair.fields.summary, 'both');
    const [acme, globex] = description.sites as [SandboxDescription['sites'][number], SandboxDescription['sites'][number]];
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
  } finally {
    child.kill('SIGTERM');
    const [code] = await exited;
    rmSync(dataDir, { recursive: true, force: true });
    assert.equal(code, 0, log.text);
  }
});
