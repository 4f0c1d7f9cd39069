// This site as partners see it: the organisation name (the admin's, else from Jira's site title or
// host), the site's address, and per connection its contacts and the values of the projects it
// shares there. The core sends it at connect and whenever it changes (core/sync/partner-profile).
import { KvsTtlCache } from '../adapters/forge/kvs-ttl-cache';
import { KvsSiteProfile } from '../adapters/forge/kvs-site-profile';
import { defaultOrganisationName, forgeJiraHttp, readServerInfo, type ServerInfo } from '../adapters/jira';
import type { Connection } from '../core/connection';
import type { ConfigStore } from '../core/ports/config-store';
import type { FieldConstraint } from '../core/rules/metadata';
import type { SharingRule } from '../core/rules/schema';
import type { Tracker } from '../core/ports/tracker';
import { EMPTY_CATALOG, mergeCatalogs, type PartnerProfile, type ValueCatalog } from '../core/profile/partner-profile';
import type { SiteProfileView } from '../shared/resolver-contract';

/** Shared projects whose values go into one catalog; more are rare, and each costs metadata reads. */
export const CATALOG_MAX_PROJECTS = 10;

const serverInfoCache = () => new KvsTtlCache<ServerInfo>({ namespace: 'server-info-v1', ttlSeconds: 24 * 60 * 60 });

export async function serverInfo(): Promise<ServerInfo | null> {
  const cache = serverInfoCache();
  const cached = await cache.read('site').catch(() => null);
  if (cached) return cached;
  try {
    const info = await readServerInfo(forgeJiraHttp());
    await cache.write('site', info).catch(() => undefined);
    return info;
  } catch (e) {
    console.warn(`liaison: the site information could not be read: ${(e as Error).message}`);
    return null;
  }
}

export async function siteProfileView(): Promise<SiteProfileView> {
  const [stored, info] = await Promise.all([new KvsSiteProfile().getName(), serverInfo()]);
  const defaultName = info ? defaultOrganisationName(info) : 'This site';
  return { name: stored ?? defaultName, defaultName, site: info?.baseUrl ?? null };
}

/**
 * The values of the projects this connection shares (statuses, priorities, issue types, the
 * components and versions Jira offers on their create screens, and a service desk's request types),
 * for the partner's pickers.
 */
async function catalogFor(deps: { config: ConfigStore; tracker: Tracker }, connectionId: string): Promise<ValueCatalog> {
  const rules = (await deps.config.currentRules(connectionId)).slice(0, CATALOG_MAX_PROJECTS);
  if (rules.length === 0) return { ...EMPTY_CATALOG };
  const parts = await Promise.all(
    rules.map(async (r) => {
      try {
        const m = await deps.tracker.getMetadata(r.projectKey);
        const requestTypes = await requestTypesOf(deps.tracker, r);
        return { statuses: m.statuses, priorities: m.priorities, issueTypes: m.issueTypes, components: optionsOf(m.fields.components), versions: [...optionsOf(m.fields.fixVersions), ...optionsOf(m.fields.versions)], requestTypes };
      } catch {
        return EMPTY_CATALOG;
      }
    }),
  );
  return mergeCatalogs(parts);
}

/**
 * A service desk's request type names, for the partner's request type map: read (the site's desks,
 * then the project's types) only when the rule sends the request type, so other projects pay nothing.
 */
async function requestTypesOf(tracker: Tracker, rule: SharingRule): Promise<string[]> {
  if (!rule.outgoing.serviceDesk.requestType || !tracker.requestTypeNames) return [];
  return (await tracker.requestTypeNames(rule.projectKey).catch(() => null)) ?? [];
}

/** The names a list field's constraint allows (components, versions: createmeta's, so archived versions are not offered). */
const optionsOf = (c: FieldConstraint | undefined): string[] => (c?.kind === 'options' ? (c.options ?? []) : []);

/** The `profiles` port of the sync deps. Null (nothing sent) when the site's address cannot be read. */
export function siteProfileSource(deps: { config: ConfigStore; tracker: Tracker }): { local(connection: Connection): Promise<PartnerProfile | null> } {
  let site: Promise<SiteProfileView> | null = null;
  return {
    async local(connection) {
      const own = await (site ??= siteProfileView());
      if (!own.site) return null;
      return { name: own.name, site: own.site, contacts: connection.contacts.local.slice(0, 20), catalog: await catalogFor(deps, connection.id) };
    },
  };
}
