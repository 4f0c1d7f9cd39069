// The sandbox's DNS: which in-process handler (or loopback server) answers an egress hostname.
import type { HostHandler, HostRequest, HostResponse } from './types';
import { originalFetch } from './runtime-globals';
import { toHostResponse } from './http-util';

/** Undici's own failure shape for an unknown host, so apps see what a DNS failure looks like. */
export function dnsFailure(hostname: string): TypeError {
  const cause = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname, syscall: 'getaddrinfo' });
  return new TypeError('fetch failed', { cause });
}

/** Forwards requests to a real server, e.g. a ServiceNow emulator on http://127.0.0.1:port. */
export function proxyTo(baseUrl: string): HostHandler {
  const base = new URL(baseUrl);
  return {
    async request(req: HostRequest): Promise<HostResponse> {
      const target = new URL(req.path, base);
      const { host: _host, 'content-length': _len, ...headers } = req.headers;
      const body = req.bytes ? new Uint8Array(req.bytes) : req.body === undefined || req.body === '' ? undefined : req.body;
      return toHostResponse(await originalFetch(target, { method: req.method, headers, body }));
    },
  };
}

export class HostRegistry {
  private readonly hosts = new Map<string, HostHandler>();

  /** Routes `hostname` to a handler, or to a base URL (`http://127.0.0.1:port`) to proxy to. */
  register(hostname: string, target: HostHandler | string): void {
    const name = hostname.toLowerCase();
    if (!/^[a-z0-9.-]+$/.test(name)) throw new Error(`HostRegistry.register: "${hostname}" is not a hostname`);
    this.hosts.set(name, typeof target === 'string' ? proxyTo(target) : target);
  }

  unregister(hostname: string): void {
    this.hosts.delete(hostname.toLowerCase());
  }

  resolve(hostname: string): HostHandler | undefined {
    return this.hosts.get(hostname.toLowerCase());
  }
}
