// Jira Service Management on an emulated site: which projects are service desks, their request types
// and SLA goals, and per issue its request type and request participants. Kept in the site's meta
// table (not on the issue record), so the core Jira emulator stays unaware of JSM.
import type { SiteContext } from '../context';
import type { IssueRecord } from '../types';

/** An SLA metric: its goal, and the moment that stops its clock (both are how JSM's default SLAs work). */
export interface SlaSeed {
  id: string;
  name: string;
  goalMinutes: number;
  /** `first-response`: the first public comment by someone other than the reporter; `resolution`: a done status. */
  stopsOn: 'first-response' | 'resolution';
}

export interface RequestTypeSeed {
  id: string;
  name: string;
  description?: string;
}

export interface ServiceDeskSeed {
  id: string;
  projectKey: string;
  requestTypes: RequestTypeSeed[];
  slas: SlaSeed[];
}

/** What JSM keeps per customer request: the Request Type field's value and the request participants. */
export interface RequestRecord {
  requestTypeId: string | null;
  participants: string[];
}

/**
 * The Request Type field's id on an emulated site unless its seed names others
 * (`serviceDeskFieldIds`): Jira Cloud sites differ, and clients find these fields by their schema.
 */
export const REQUEST_TYPE_FIELD = 'customfield_10010';
export const REQUEST_TYPE_SCHEMA = 'com.atlassian.servicedesk:vp-origin';
/** The Request participants field's default id on emulated sites, and its custom type. */
export const PARTICIPANTS_FIELD = 'customfield_10011';
export const PARTICIPANTS_SCHEMA = 'com.atlassian.servicedesk:sd-request-participants';
/** The custom type of every SLA field (one field per SLA metric). */
export const SLA_SCHEMA = 'com.atlassian.servicedesk:sd-sla-field';

/** A site's JSM field ids: the first SLA field is `customfield_{slaFrom}`, the next one up, and so on. */
export interface ServiceDeskFieldIds {
  requestType: string;
  participants: string;
  slaFrom: number;
}
export const DEFAULT_FIELD_IDS: ServiceDeskFieldIds = { requestType: REQUEST_TYPE_FIELD, participants: PARTICIPANTS_FIELD, slaFrom: 10200 };

const DESKS = 'jsm:desks';
const FIELD_IDS = 'jsm:field-ids';
const participantsKey = (issueId: string): string => `jsm:participants:${issueId}`;

export function serviceDesks(site: SiteContext): ServiceDeskSeed[] {
  return site.store.getMeta<ServiceDeskSeed[]>(DESKS) ?? [];
}

export function serviceDeskFieldIds(site: SiteContext): ServiceDeskFieldIds {
  return site.store.getMeta<ServiceDeskFieldIds>(FIELD_IDS) ?? DEFAULT_FIELD_IDS;
}

export function applyServiceDeskSeed(site: SiteContext, desks: ServiceDeskSeed[] | undefined, ids?: ServiceDeskFieldIds): void {
  if (!desks || desks.length === 0) return;
  if (ids) site.store.setMeta(FIELD_IDS, ids);
  for (const d of desks) {
    if (!site.store.projects().some((p) => p.key === d.projectKey)) throw new Error(`seed: service desk ${d.id} names unknown project ${d.projectKey}`);
  }
  site.store.setMeta(DESKS, desks);
}

export function deskById(site: SiteContext, id: string): ServiceDeskSeed | undefined {
  return serviceDesks(site).find((d) => d.id === id);
}

export function deskOf(site: SiteContext, issue: IssueRecord): ServiceDeskSeed | undefined {
  return serviceDesks(site).find((d) => d.projectKey === issue.projectKey);
}

// The request type is a field value on the issue (set through PUT /issue like any field, so an edit
// records it in the changelog); participants are kept beside the issue.
export function requestOf(site: SiteContext, issue: IssueRecord): RequestRecord {
  const type = issue.custom[serviceDeskFieldIds(site).requestType];
  return { requestTypeId: typeof type === 'string' ? type : null, participants: site.store.getMeta<string[]>(participantsKey(issue.id)) ?? [] };
}

export function putParticipants(site: SiteContext, issue: IssueRecord, accountIds: string[]): void {
  site.store.setMeta(participantsKey(issue.id), accountIds);
}

export function requestTypeName(site: SiteContext, issue: IssueRecord, id: string | null): string | null {
  if (!id) return null;
  return deskOf(site, issue)?.requestTypes.find((t) => t.id === id)?.name ?? null;
}
