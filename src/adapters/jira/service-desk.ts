// Jira Service Management through its REST API (/rest/servicedeskapi) and the Request Type field.
// Read: the request type, participants and SLAs ride in the issue GET as fields (service-desk-fields.ts);
// the customer request's own GET (expand=requestType,participant,sla) is only the fallback when their
// ids are not known. Write: the request type by name (its service desk's types give the id; the field
// is found by its schema, `com.atlassian.servicedesk:vp-origin`, as its id differs per site) and
// participants by account id through the documented participant endpoints (writing the Request
// participants field is shown only in community answers). Answers are parsed tolerantly.
import { route } from '@forge/api';
import { z } from 'zod';
import type { LocalIssueId } from '../../core/ids';
import type { ParticipantRef } from '../../core/planning/incoming-service-desk';
import type { SnapshotServiceDesk } from '../../core/replica/service-desk';
import type { JiraClient } from './jira-client';
import { JiraApiError } from './jira-errors';
import { jsonBody } from './jira-http';
import { userSchema } from './jira-schemas';
import { participantOf, PARTICIPANTS_READ, REQUEST_TYPE_SCHEMA, slaSchema, SLAS_READ, toSla, type ParticipantOf } from './service-desk-fields';
import type { UserDirectory } from './user-directory';

export { REQUEST_TYPE_SCHEMA, toSla };

const page = <T extends z.ZodType>(item: T) => z.looseObject({ values: z.array(item).default([]) });
const requestSchema = z.looseObject({
  serviceDeskId: z.string().optional(),
  requestType: z.looseObject({ id: z.string(), name: z.string() }).optional(),
  participants: page(userSchema).optional(),
  sla: page(slaSchema).optional(),
});
const participantsPage = z.looseObject({ values: z.array(userSchema).default([]), isLastPage: z.boolean().optional() });
const requestTypesSchema = page(z.looseObject({ id: z.string(), name: z.string() }));
const desksSchema = page(z.looseObject({ id: z.string(), projectKey: z.string() }));
const fieldsSchema = z.array(z.looseObject({ id: z.string(), schema: z.looseObject({ custom: z.string().optional() }).optional() }));

export type RequestType = { id: string; name: string };
/** What a project's metadata knows of its service desk (metadata-reader.ts), so a request type is set with one PUT. */
export type KnownDesk = { deskId?: string; requestTypes?: RequestType[]; fieldId?: string };

export class ServiceDesk {
  private fieldId: Promise<string | null> | undefined;
  private readonly types = new Map<string, Promise<RequestType[]>>();
  readonly person: ParticipantOf;

  constructor(
    private readonly client: JiraClient,
    private readonly users: UserDirectory,
    includeEmail: boolean,
  ) {
    this.person = participantOf(includeEmail);
  }

  /**
   * The request read of servicedeskapi: only when the issue GET could not carry the JSM fields (a
   * rule saved before their ids were kept, or ids gone stale; see service-desk-fields.ts).
   * Undefined when the issue is no customer request (its project is no service desk).
   */
  async read(id: LocalIssueId, now: number): Promise<SnapshotServiceDesk | undefined> {
    const what = `read the service desk request of issue ${id}`;
    const res = await this.client.sendOrNull(what, 'GET', route`/rest/servicedeskapi/request/${id}?expand=requestType,participant,sla`);
    if (!res) return undefined;
    const req = parseLoose(what, requestSchema, res.text);
    return {
      requestType: req.requestType?.name ?? null,
      participants: (req.participants?.values ?? []).slice(0, PARTICIPANTS_READ).map((u) => this.person(u)),
      sla: (req.sla?.values ?? []).slice(0, SLAS_READ).flatMap((s) => toSla(s, now) ?? []),
    };
  }

  /** The project's request type names (a rule save checks its map against them); null when it is no service desk. */
  async requestTypeNames(projectKey: string): Promise<string[] | null> {
    return (await this.deskOf(projectKey))?.requestTypes.map((t) => t.name) ?? null;
  }

  /** The desks of the site with their project keys (the metadata read of a service desk project). */
  async deskOf(projectKey: string): Promise<{ deskId: string; requestTypes: RequestType[] } | null> {
    const desks = await this.client.json('list the service desks', desksSchema, 'GET', route`/rest/servicedeskapi/servicedesk?limit=100`);
    const desk = desks.values.find((d) => d.projectKey === projectKey);
    return desk ? { deskId: desk.id, requestTypes: await this.requestTypes(desk.id) } : null;
  }

  /**
   * Sets the request type through the Request Type field (PUT /rest/api/3/issue with the type's id;
   * servicedeskapi has no call for it). With the project's desk known from its metadata, that PUT is
   * the only call; a name the known types lack has them listed again once before it is refused
   * (a type added since the metadata was read). Without, the request is read for its desk.
   */
  async setRequestType(id: LocalIssueId, name: string, known: KnownDesk = {}): Promise<void> {
    const what = `set the request type of issue ${id}`;
    let deskId = known.deskId;
    if (!deskId) {
      const req = await this.client.sendOrNull(what, 'GET', route`/rest/servicedeskapi/request/${id}`);
      deskId = req ? parseLoose(what, requestSchema, req.text).serviceDeskId : undefined;
    }
    if (!deskId) throw new JiraApiError(`${what}: the issue is no customer request (its project is no service desk)`, false, 404, 'requestType');
    const find = (types: RequestType[]) => types.find((t) => t.name === name) ?? types.find((t) => t.name.toLowerCase() === name.toLowerCase());
    let types = known.requestTypes ?? (await this.requestTypes(deskId));
    let type = find(types);
    if (!type && known.requestTypes) {
      types = await this.requestTypes(deskId);
      type = find(types);
    }
    if (!type) throw new JiraApiError(`unknown request type "${name}" (this service desk has ${types.map((t) => `"${t.name}"`).join(', ') || 'none'})`, false, null, 'requestType');
    const field = known.fieldId ?? (await this.requestTypeField());
    if (!field) throw new JiraApiError(`${what}: this site has no Request Type field`, false, null, 'requestType');
    await this.client.send(what, 'PUT', route`/rest/api/3/issue/${id}?notifyUsers=false`, jsonBody({ fields: { [field]: type.id } }));
  }

  /**
   * Adds and removes participants by account id. With `readBack`, the participants are read once
   * after a write (the write's own answer is documented only as the participants added or a first
   * page), so the caller can record what our own write left as sent.
   */
  async changeParticipants(id: LocalIssueId, change: { add: ParticipantRef[]; remove: ParticipantRef[] }, readBack = false): Promise<{ misses: { displayName: string; reason: string }[]; now: SnapshotServiceDesk['participants'] | null }> {
    const misses: { displayName: string; reason: string }[] = [];
    const resolve = async (refs: ParticipantRef[]): Promise<string[]> => {
      const ids: string[] = [];
      for (const p of refs) {
        const found = p.accountId ?? (p.email ? (await this.users.findByEmail(p.email))?.accountId : undefined);
        if (found) ids.push(found);
        else misses.push({ displayName: p.displayName, reason: p.email ? `no local account has the email ${p.email}` : 'no local account is mapped to this person' });
      }
      return ids;
    };
    const add = await resolve(change.add);
    const remove = await resolve(change.remove);
    if (add.length > 0) await this.client.send(`add participants to issue ${id}`, 'POST', route`/rest/servicedeskapi/request/${id}/participant`, jsonBody({ accountIds: add }));
    if (remove.length > 0) await this.client.send(`remove participants from issue ${id}`, 'DELETE', route`/rest/servicedeskapi/request/${id}/participant`, jsonBody({ accountIds: remove }));
    if (!readBack || add.length + remove.length === 0) return { misses, now: null };
    const listed = await this.client.json(`read the participants of issue ${id}`, participantsPage, 'GET', route`/rest/servicedeskapi/request/${id}/participant?limit=${PARTICIPANTS_READ}`);
    return { misses, now: listed.isLastPage === false ? null : listed.values.slice(0, PARTICIPANTS_READ).map((u) => this.person(u)) };
  }

  private requestTypes(deskId: string): Promise<RequestType[]> {
    let pending = this.types.get(deskId);
    if (!pending) {
      pending = this.client.json(`list the request types of service desk ${deskId}`, requestTypesSchema, 'GET', route`/rest/servicedeskapi/servicedesk/${deskId}/requesttype?limit=100`).then((p) => p.values);
      this.types.set(deskId, pending);
    }
    return pending;
  }

  private requestTypeField(): Promise<string | null> {
    this.fieldId ??= this.client.json('find the Request Type field', fieldsSchema, 'GET', route`/rest/api/3/field`).then((fields) => fields.find((f) => f.schema?.custom === REQUEST_TYPE_SCHEMA)?.id ?? null);
    return this.fieldId;
  }
}

function parseLoose<S extends z.ZodType>(what: string, schema: S, text: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new JiraApiError(`${what}: Jira answered with a body that is not JSON`, false, null);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new JiraApiError(`${what}: unexpected answer from Jira: ${parsed.error.issues[0]?.message ?? 'invalid'}`, false, null);
  return parsed.data;
}
