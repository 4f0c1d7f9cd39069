// Test fixture: a seeded `initech` instance on a manual clock, plus helpers to call it in-process as a
// seeded user (Basic auth) and read answers loosely, like a tolerant client.
import { ServiceNowInstance, type ServiceNowInstanceOptions } from '../../../sandbox/servicenow/index';

// Answers are arbitrary ServiceNow JSON; tests read them loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply {
  status: number;
  headers: Record<string, string>;
  json: Json;
  text: string;
  bytes?: Uint8Array;
}

export const PASSWORDS: Record<string, string> = {
  'liaison.integration': 'liaison-initech-pw',
  admin: 'admin-initech-pw',
  'beth.anglin': 'beth-initech-pw',
  'david.loo': 'david-initech-pw',
  'abel.tuter': 'abel-initech-pw',
};

export const basic = (user: string, password = PASSWORDS[user] ?? ''): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export interface Fixture {
  sn: ServiceNowInstance;
  clock: { ms: number; advance(seconds: number): void };
  /** In-process call as `user` (the integration user by default); objects are sent as JSON. */
  call(method: string, path: string, body?: unknown, user?: string, headers?: Record<string, string>): Promise<Reply>;
  raw(method: string, path: string, headers: Record<string, string>, body?: string | Uint8Array): Promise<Reply>;
}

export function parse(res: { status: number; headers: Record<string, string>; body: string; bytes?: Uint8Array }): Reply {
  let json: unknown;
  try {
    json = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text: res.body, ...(res.bytes ? { bytes: res.bytes } : {}) };
}

export function fixture(options: Partial<ServiceNowInstanceOptions> = {}): Fixture {
  const clock = {
    ms: Date.parse('2025-03-01T09:00:00Z'),
    advance(seconds: number) {
      this.ms += seconds * 1000;
    },
  };
  const sn = new ServiceNowInstance({ name: 'initech', now: () => clock.ms, ...options });
  const raw = async (method: string, path: string, headers: Record<string, string>, body?: string | Uint8Array) =>
    parse(await sn.request({ method, path, headers, ...(body === undefined ? {} : { body }) }));
  return {
    sn,
    clock,
    raw,
    call(method, path, body, user = 'liaison.integration', headers = {}) {
      const h: Record<string, string> = { Authorization: basic(user), Accept: 'application/json', ...headers };
      if (body !== undefined && typeof body !== 'string') h['Content-Type'] = 'application/json';
      return raw(method, path, h, body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
    },
  };
}
