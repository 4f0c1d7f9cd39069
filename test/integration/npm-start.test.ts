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

test('npm start brings up acme and globex, describes them, and stops on SIGTERM', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-start-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--fresh'], {
    cwd: appRoot,
    env: { ...process.env, LIAISON_SANDBOX_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = once(child, 'exit');
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        output += c.toString();
        if (output.includes('Liaison sandbox is up')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`sandbox exited early with ${code}:\n${output}`)));
    });

    const description = JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8')) as SandboxDescription;
    assert.deepEqual(description.sites.map((s) => s.name), ['acme', 'globex']);
    for (const site of description.sites) {
      const auth = Buffer.from(`${site.user.email}:${site.user.apiToken}`).toString('base64');
      const me = await fetch(`${site.baseUrl}/rest/api/3/myself`, { headers: { authorization: `Basic ${auth}` } });
      assert.equal(me.status, 200, `${site.name} accepts its printed credentials`);
      assert.equal(((await me.json()) as { accountId: string }).accountId, site.user.accountId);
      assert.ok(site.projects.length > 0);
    }
  } finally {
    child.kill('SIGTERM');
    const [code] = await exited;
    rmSync(dataDir, { recursive: true, force: true });
    assert.equal(code, 0, output);
  }
});
