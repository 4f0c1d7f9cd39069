// Test fixture: a seeded Acme site plus helpers to call it in-process or over HTTP with Basic auth.
import { defaultSeed, JiraSite, type SiteSeed } from '../../../sandbox/jira/index';
import type { JiraSiteOptions } from '../../../sandbox/jira/jira-site';

// Response bodies are arbitrary Jira JSON; tests read them loosely, like a tolerant client would.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply {
  status: number;
  headers: Record<string, string>;
  json: Json;
  text: string;
}

export interface Fixture {
  site: JiraSite;
  seed: SiteSeed;
  admin: string;
  agent: string;
  /** In-process call as `actor` (admin by default); JSON bodies are serialised with a JSON content type. */
  call(method: string, path: string, body?: unknown, actor?: string): Promise<Reply>;
}

export function fixture(options: Partial<JiraSiteOptions> = {}): Fixture {
  const seed = options.seed ?? defaultSeed(options.name ?? 'acme');
  let clock = Date.parse('2025-03-01T09:00:00Z');
  const site = new JiraSite({ name: 'acme', seed, now: () => (clock += 1000), ...options });
  const admin = seed.users[0]!.accountId;
  const agent = seed.users[1]!.accountId;
  return {
    site,
    seed,
    admin,
    agent,
    async call(method, path, body, actor = admin) {
      const res = await site.request({
        method,
        path,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        actor: { accountId: actor },
      });
      let parsed: unknown;
      try {
        parsed = res.body ? JSON.parse(res.body) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, headers: res.headers, json: parsed, text: res.body };
    },
  };
}

export const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

export const basic = (email: string, token: string): string => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
