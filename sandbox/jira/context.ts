// What every handler may reach: the store, the configuration catalog, the clock and the site's own URL.
import type { Catalog } from './catalog';
import type { SiteStore } from './store';
import type { SiteEvent, UserRecord } from './types';

export interface SiteSettings {
  /** Largest attachment accepted, in bytes; a bigger one is refused with 413. */
  attachmentMaxBytes: number;
}

export interface SiteContext {
  readonly name: string;
  readonly cloudId: string;
  /** `https://<name>.atlassian.net`: what `self` links name, as on a real site. */
  readonly siteUrl: string;
  readonly store: SiteStore;
  readonly catalog: Catalog;
  readonly settings: SiteSettings;
  now(): number;
}

/** One request being served: who acts, and the product events it will emit once answered. */
export interface RequestScope {
  readonly site: SiteContext;
  readonly user: UserRecord;
  readonly events: SiteEvent[];
}
