// Stable web trigger URLs of the real form `https://<uuid>.hello.atlassian-dev.net/x1/<id>`, one host per
// installation and one id per module key, kept in `<dataDir>/webtriggers.json` across restarts.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const WEBTRIGGER_DOMAIN = 'hello.atlassian-dev.net';

interface Stored { hosts: Record<string, string>; ids: Record<string, string> }

export class WebTriggerUrls {
  private readonly file: string | undefined;
  private readonly stored: Stored = { hosts: {}, ids: {} };

  constructor(dataDir: string | undefined) {
    this.file = dataDir ? join(dataDir, 'webtriggers.json') : undefined;
    if (this.file && existsSync(this.file)) Object.assign(this.stored, JSON.parse(readFileSync(this.file, 'utf8')) as Stored);
  }

  /** The URL for (installation, module key), created on first use and kept after. */
  urlFor(installationId: string, moduleKey: string): string {
    let host = this.stored.hosts[installationId];
    const idKey = `${installationId}/${moduleKey}`;
    let id = this.stored.ids[idKey];
    if (!host || !id) {
      host ??= `${randomUUID()}.${WEBTRIGGER_DOMAIN}`;
      id ??= randomBytes(18).toString('base64url');
      this.stored.hosts[installationId] = host;
      this.stored.ids[idKey] = id;
      this.save();
    }
    return `https://${host}/x1/${id}`;
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
