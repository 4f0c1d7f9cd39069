// Stable web trigger URLs of the real forms, one host name per installation and one id per module
// key, kept in `<dataDir>/webtriggers.json` across restarts. Which form depends on the module's
// `urlFormat` (manifest reference, web trigger): v1 (the default) is
// `https://<uuid>.hello.atlassian-dev.net/x1/<id>`, v2 is `https://<uuid>.webtrigger.atlassian.app/public/<id>`.
// A URL of either form keeps working after the format changes, as Forge documents.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WebTriggerUrlFormat } from './manifest';

export const WEBTRIGGER_DOMAIN = 'hello.atlassian-dev.net';
export const WEBTRIGGER_V2_DOMAIN = 'webtrigger.atlassian.app';
const FORMS: Record<WebTriggerUrlFormat, { domain: string; prefix: string }> = {
  v1: { domain: WEBTRIGGER_DOMAIN, prefix: '/x1/' },
  v2: { domain: WEBTRIGGER_V2_DOMAIN, prefix: '/public/' },
};

/** The web trigger id in a request path of either form (`/x1/<id>…`, `/public/<id>…`), and the path up to it. */
export function webTriggerIdOf(path: string): { id: string; basePath: string } | undefined {
  const m = /^\/(x1|public)\/([^/?#]+)/.exec(path);
  return m ? { id: m[2]!, basePath: `/${m[1]}/${m[2]}` } : undefined;
}

/** `hosts` holds each installation's host label (older data folders hold the full v1 host name). */
interface Stored { hosts: Record<string, string>; ids: Record<string, string> }

export class WebTriggerUrls {
  private readonly file: string | undefined;
  private readonly stored: Stored = { hosts: {}, ids: {} };

  constructor(dataDir: string | undefined) {
    this.file = dataDir ? join(dataDir, 'webtriggers.json') : undefined;
    if (this.file && existsSync(this.file)) Object.assign(this.stored, JSON.parse(readFileSync(this.file, 'utf8')) as Stored);
  }

  /** The URL for (installation, module key) in `format`, created on first use and kept after. */
  urlFor(installationId: string, moduleKey: string, format: WebTriggerUrlFormat = 'v1'): string {
    let host = this.stored.hosts[installationId];
    const idKey = `${installationId}/${moduleKey}`;
    let id = this.stored.ids[idKey];
    if (!host || !id) {
      host ??= randomUUID();
      id ??= randomBytes(18).toString('base64url');
      this.stored.hosts[installationId] = host;
      this.stored.ids[idKey] = id;
      this.save();
    }
    const { domain, prefix } = FORMS[format];
    return `https://${host.split('.')[0]}.${domain}${prefix}${id}`;
  }

  /** Which (installation, module key) a web trigger id belongs to. */
  lookup(id: string): { installationId: string; moduleKey: string } | undefined {
    for (const [idKey, candidate] of Object.entries(this.stored.ids)) {
      if (candidate !== id) continue;
      const slash = idKey.indexOf('/');
      return { installationId: idKey.slice(0, slash), moduleKey: idKey.slice(slash + 1) };
    }
    return undefined;
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(join(this.file, '..'), { recursive: true });
    writeFileSync(this.file, JSON.stringify(this.stored, null, 2));
  }
}
