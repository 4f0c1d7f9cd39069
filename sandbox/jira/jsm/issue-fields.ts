// JSM's data as custom fields of the platform issue (GET /rest/api/3/issue, search): the Request
// Type field's read form, one SLA field per SLA metric (`com.atlassian.servicedesk:sd-sla-field`)
// and Request participants (`com.atlassian.servicedesk:sd-request-participants`). The values come
// from the same model the /rest/servicedeskapi routes read (one model, two views): an SLA field's
// value is the SlaInformation the request's `expand=sla` lists, participants the same users.
import type { RequestScope, SiteContext } from '../context';
import type { FieldDef } from '../field-catalog';
import type { IssueRecord } from '../types';
import { userDetails } from '../views';
import { deskOf, PARTICIPANTS_SCHEMA, requestOf, serviceDeskFieldIds, serviceDesks, SLA_SCHEMA, type ServiceDeskSeed } from './model';
import { dateDto, slaInformation } from './sla';

/** Jira creates one SLA field per metric name; here numbered from the site's `slaFrom` (10200) in the order the desks name them. */
export function slaFields(site: SiteContext): { id: string; name: string }[] {
  const names = [...new Set(serviceDesks(site).flatMap((d) => d.slas.map((s) => s.name)))];
  const from = serviceDeskFieldIds(site).slaFrom;
  return names.map((name, i) => ({ id: `customfield_${from + i}`, name }));
}

const numeric = (id: string): number => Number(id.replace('customfield_', ''));

/** The field list entries beside the Request Type field (which request-type-field.ts lists). */
export function jsmReadFieldDefs(site: SiteContext): FieldDef[] {
  const def = (id: string, name: string, schema: Record<string, unknown>): FieldDef => ({
    id, name, custom: true, navigable: true, orderable: false, searchable: true, clauseNames: [`cf[${numeric(id)}]`, name], schema: { ...schema, customId: numeric(id) },
  });
  return [
    def(serviceDeskFieldIds(site).participants, 'Request participants', { type: 'array', items: 'user', custom: PARTICIPANTS_SCHEMA }),
    ...slaFields(site).map((f) => def(f.id, f.name, { type: 'sd-servicelevelagreement', custom: SLA_SCHEMA })),
  ];
}

export function requestTypeView(site: SiteContext, desk: ServiceDeskSeed, id: string): Record<string, unknown> | null {
  const t = desk.requestTypes.find((x) => x.id === id);
  if (!t) return null;
  return { id: t.id, name: t.name, description: t.description ?? '', helpText: '', serviceDeskId: desk.id, groupIds: [], _links: { self: `${site.siteUrl}/rest/servicedeskapi/servicedesk/${desk.id}/requesttype/${t.id}` } };
}

/**
 * The value of a JSM field on an issue, or undefined when `id` is no JSM field (the caller renders it
 * as any other field). Null on an issue whose project is no service desk.
 */
export function jsmFieldValue(scope: RequestScope, issue: IssueRecord, id: string): unknown {
  const { site } = scope;
  const ids = serviceDeskFieldIds(site);
  const sla = id === ids.requestType || id === ids.participants ? undefined : slaFields(site).find((f) => f.id === id);
  if (id !== ids.requestType && id !== ids.participants && !sla) return undefined;
  const desk = deskOf(site, issue);
  if (!desk) return null;
  const record = requestOf(site, issue);
  if (id === ids.participants) return record.participants.flatMap((a) => {
    const u = site.store.user(a);
    return u ? [userDetails(site, u)] : [];
  });
  if (sla) {
    const seed = desk.slas.find((s) => s.name === sla.name);
    return seed ? slaInformation(site, issue, seed) : null;
  }
  const type = record.requestTypeId ? requestTypeView(site, desk, record.requestTypeId) : null;
  if (!type) return null;
  const status = site.catalog.status(issue.statusId);
  return {
    _links: { jiraRest: `${site.siteUrl}/rest/api/2/issue/${issue.id}`, web: `${site.siteUrl}/servicedesk/customer/portal/${desk.id}/${issue.key}`, self: `${site.siteUrl}/rest/servicedeskapi/request/${issue.id}` },
    requestType: type,
    currentStatus: { status: status?.name ?? '', statusCategory: (status?.category ?? 'new').toUpperCase(), statusDate: dateDto(issue.statusCategoryChanged) },
  };
}
