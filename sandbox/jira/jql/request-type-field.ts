// JQL's "Request Type" on a site with Jira Service Management (also written "Customer Request Type",
// or cf[10010] by the field's id): by the request type's name (any service desk's, case-insensitive)
// or its id. A site without service desks has no such field, so the clause is refused as unknown.
// Jira also takes a portal-key/request-type-key form ("itsd/getithelp"); the emulator has no portal
// keys, so that form is refused as an unknown value (sandbox/jira/README.md marks it open).
import type { SiteContext } from '../context';
import { requestOf, requestTypeName, serviceDeskFieldIds, serviceDesks } from '../jsm/model';
import type { JqlField } from './fields';

/** The clause names of the Request Type field on this site (its id differs per site). */
export function requestTypeNames(site: SiteContext): string[] {
  const id = serviceDeskFieldIds(site).requestType;
  return ['Request Type', 'Customer Request Type', `cf[${id.replace('customfield_', '')}]`, id];
}

export function requestTypeField(site: SiteContext): Omit<JqlField, 'name'> | undefined {
  const types = serviceDesks(site).flatMap((d) => d.requestTypes);
  if (types.length === 0) return undefined;
  const names = new Set(types.map((t) => t.name.toLowerCase()));
  const ids = new Set(types.map((t) => t.id));
  return {
    kind: 'ref',
    read: (i) => {
      const id = requestOf(site, i).requestTypeId;
      const name = requestTypeName(site, i, id);
      return id ? [id, ...(name ? [name.toLowerCase()] : [])] : [];
    },
    resolve: (v) => (ids.has(v) ? v : names.has(v.toLowerCase()) ? v.toLowerCase() : undefined),
    sortKey: (i) => requestTypeName(site, i, requestOf(site, i).requestTypeId)?.toLowerCase() ?? '',
  };
}
