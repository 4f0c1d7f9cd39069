// The sandbox pages talk to an emulated site exactly as a browser session would: REST v3 as the
// signed-in person, so permissions, validation and product events all behave as in Jira.
import type { WorldSite } from '../world';

export class SiteCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SiteClient {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown): Promise<T>;
}

function errorText(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { errorMessages?: string[]; errors?: Record<string, string> };
    const parts = [...(parsed.errorMessages ?? []), ...Object.entries(parsed.errors ?? {}).map(([k, v]) => `${k}: ${v}`)];
    if (parts.length > 0) return parts.join('; ');
  } catch {
    // not JSON: fall back to the status below
  }
  return `Jira answered ${status}`;
}

export function siteClient(site: WorldSite, accountId: string): SiteClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await site.jira.request({
      method,
      path,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      actor: { accountId },
    });
    if (res.status >= 400) throw new SiteCallError(res.status, errorText(res.status, res.body));
    return (res.body ? JSON.parse(res.body) : null) as T;
  };
  return { get: (path) => call('GET', path), send: (method, path, body) => call(method, path, body) };
}
