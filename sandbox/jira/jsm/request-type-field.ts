// The Request Type field (`com.atlassian.servicedesk:vp-origin`) as the Jira REST API shows it: listed
// by /rest/api/3/field on a site with service desks, and set on an existing issue through
// PUT /rest/api/3/issue with the request type's id as a string. Its read form (the `requestType`
// object with links and the current status) and the SLA and participants fields: issue-fields.ts.
import type { SiteContext } from '../context';
import type { FieldDef } from '../field-catalog';
import type { ChangeItem, IssueRecord, ProjectRecord } from '../types';
import { jsmReadFieldDefs } from './issue-fields';
import { deskOf, REQUEST_TYPE_SCHEMA, requestOf, requestTypeName, serviceDeskFieldIds, serviceDesks } from './model';

export function serviceDeskFieldDefs(site: SiteContext): FieldDef[] {
  if (serviceDesks(site).length === 0) return [];
  const id = serviceDeskFieldIds(site).requestType;
  const customId = Number(id.replace('customfield_', ''));
  return [
    {
      id,
      name: 'Request Type',
      custom: true,
      navigable: true,
      orderable: true,
      searchable: true,
      clauseNames: [`cf[${customId}]`, 'Request Type'],
      schema: { type: 'sd-customerrequesttype', custom: REQUEST_TYPE_SCHEMA, customId },
    },
    ...jsmReadFieldDefs(site),
  ];
}

type Setter = (site: SiteContext, project: ProjectRecord, draft: IssueRecord, value: unknown) => string | undefined;

/** The setter for the Request Type field, or undefined for any other field id or a site without service desks. */
export function serviceDeskSetter(site: SiteContext, fieldId: string): Setter | undefined {
  if (fieldId !== serviceDeskFieldIds(site).requestType || serviceDesks(site).length === 0) return undefined;
  return (s, _project, draft, value) => {
    const desk = deskOf(s, draft);
    if (!desk) return `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;
    if (value === null) {
      delete draft.custom[fieldId];
      return undefined;
    }
    if (typeof value !== 'string' || !desk.requestTypes.some((t) => t.id === value)) return 'The request type is invalid.';
    draft.custom[fieldId] = value;
    return undefined;
  };
}


/** The changelog item of a request type change (JSM records it under the field's name). */
export function serviceDeskItems(site: SiteContext, before: IssueRecord, after: IssueRecord): ChangeItem[] {
  const a = requestOf(site, before).requestTypeId;
  const b = requestOf(site, after).requestTypeId;
  if (a === b) return [];
  return [{ field: 'Request Type', fieldtype: 'custom', fieldId: serviceDeskFieldIds(site).requestType, from: a, fromString: requestTypeName(site, before, a), to: b, toString: requestTypeName(site, after, b) }];
}
