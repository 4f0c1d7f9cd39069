// `npm start` as a separate process the chaos test can kill: spawn it on a data folder, wait for
// "up", talk to its sites over REST (basic auth, as a person would) and to the app's admin
// resolvers through the web UI's bridge, and SIGKILL it at any moment.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxDescription, SandboxJiraSite } from '../../../sandbox/world';
import { appRoot } from '../../support/paths';

export type Description = SandboxDescription & { web: Record<string, string>; control?: string };

export class SandboxProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly log: { text: string },
    readonly exited: Promise<unknown>,
  ) {}

  static spawn(dataDir: string, options: { fresh?: boolean; manualClock?: boolean } = {}): SandboxProcess {
    // The rounds run on the wall clock for seconds each: with Forge's delivery delay (up to 3 real
    // minutes) no trigger would run before the kill, and the kills inside the trigger's send that this
    // test exists for would never happen; so those starts deliver at once. The last start (manual
    // clock) keeps the delay: its maintenance runs move time past it.
    const env = options.manualClock ? { LIAISON_SANDBOX_CLOCK: 'manual' } : { LIAISON_EVENT_DELAY_MS: '0' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', ...(options.fresh ? ['--fresh'] : [])], {
      cwd: appRoot,
      env: { ...process.env, LIAISON_SANDBOX_DIR: dataDir, LIAISON_SANDBOX_CONTROL: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = { text: '' };
    child.stdout?.on('data', (c: Buffer) => (log.text += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (log.text += c.toString()));
    return new SandboxProcess(child, log, once(child, 'exit'));
  }

  /** Resolves with the description once "up" is printed; rejects if the process ends first. */
  up(dataDir: string): Promise<Description> {
    return new Promise<Description>((resolve, reject) => {
      const check = () => {
        if (this.log.text.includes('Liaison sandbox is up')) {
          this.child.stdout?.off('data', check);
          resolve(JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8')) as Description);
        }
      };
      this.child.stdout?.on('data', check);
      this.child.once('exit', (code, signal) => reject(new Error(`sandbox ended before it was up (${code ?? signal}):\n${this.log.text.slice(-3000)}`)));
      check();
    });
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** One Jira site of the running sandbox, as its admin over HTTP. */
export class SiteClient {
  private readonly auth: string;
  constructor(
    readonly site: SandboxJiraSite,
    private readonly webBase: string,
  ) {
    this.auth = `Basic ${Buffer.from(`${site.user.email}:${site.user.apiToken}`).toString('base64')}`;
  }

  get project(): string {
    return this.site.projects[0]!;
  }

  async rest<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.site.baseUrl}${path}`, {
      method,
      headers: { authorization: this.auth, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${this.site.name}: ${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** An admin resolver of the app, through the admin page's bridge (as the page itself calls it). */
  async admin<T>(functionKey: string, payload: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(`${this.webBase}__bridge/admin-page?as=${encodeURIComponent(this.site.user.accountId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'invoke', payload: { functionKey, payload } }),
    });
    const answer = (await res.json()) as { ok: boolean; message?: string; value?: { ok: boolean; data?: T; error?: { code: string; message: string } } };
    if (!answer.ok || !answer.value?.ok) throw new Error(`${this.site.name}: ${functionKey} failed: ${answer.message ?? JSON.stringify(answer.value?.error)}`);
    return answer.value.data as T;
  }
}

export function clientsOf(d: Description): { acme: SiteClient; globex: SiteClient } {
  const site = (name: string) => {
    const s = d.sites.find((x): x is SandboxJiraSite => x.kind === 'jira' && x.name === name);
    if (!s) throw new Error(`sandbox.json has no Jira site ${name}`);
    return new SiteClient(s, d.web[name]!);
  };
  return { acme: site('acme'), globex: site('globex') };
}

/** The control port: run everything due, or move the manual clock (LIAISON_SANDBOX_CLOCK=manual). */
export async function control(d: Description, path: '/idle' | `/advance?ms=${number}`): Promise<void> {
  if (!d.control) throw new Error('the sandbox was started without LIAISON_SANDBOX_CONTROL=1');
  const res = await fetch(`${d.control}${path}`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`control ${path} answered ${res.status}: ${await res.text()}`);
}
