// Jira Service Management through its REST API (/rest/servicedeskapi) and the Request Type field.
// Read: one GET of the customer request with its request type, participants and SLAs expanded, made
// only when a rule shares any of them (ReadPlan.serviceDesk), so other projects pay nothing. Write:
// the request type by name (its service desk's types are listed to find the id; the field is found by
// its schema, `com.atlassian.servicedesk:vp-origin`, as its id differs per site) and participants
// by account id. Answers are parsed tolerantly; an issue that is no customer request reads as none.
import { route } from '@forge/api';
import { z } from 'zod';
import type { LocalIssueId } from '../../core/ids';
import type { ParticipantRef } from '../../core/planning/incoming-service-desk';
import type { SlaReplica, SnapshotServiceDesk } from '../../core/replica/service-desk';
import type { JiraClient } from './jira-client';
import { JiraApiError } from './jira-errors';
import { jsonBody } from './jira-http';
import { userSchema } from './jira-schemas';
import type { UserDirectory } from './user-directory';

export const REQUEST_TYPE_SCHEMA = 'com.atlassian.servicedesk:vp-origin';

const millis = z.looseObject({ millis: z.number() }).optional();
const epoch = z.looseObject({ epochMillis: z.number() }).optional();
const cycle = z.looseObject({ breached: z.boolean().optional(), paused: z.boolean().optional(), breachTime: epoch, goalDuration: millis, remainingTime: millis });
const slaSchema = z.looseObject({ name: z.string(), ongoingCycle: cycle.optional(), completedCycles: z.array(cycle).optional() });
const page = <T extends z.ZodType>(item: T) => z.looseObject({ values: z.array(item).default([]) });
const requestSchema = z.looseObject({
  serviceDeskId: z.string().optional(),
  requestType: z.looseObject({ id: z.string(), name: z.string() }).optional(),
  participants: page(userSchema).optional(),
  sla: page(slaSchema).optional(),
});
const participantsPage = z.looseObject({ values: z.array(userSchema).default([]), isLastPage: z.boolean().optional() });
/** The replica carries at most 100 participants (its schema's bound), the most one page of JSM's API returns. */
const PARTICIPANTS_READ = 100;
const requestTypesSchema = page(z.looseObject({ id: z.string(), name: z.string() }));
const desksSchema = page(z.looseObject({ id: z.string(), projectKey: z.string() }));
const fieldsSchema = z.array(z.looseObject({ id: z.string(), schema: z.looseObject({ custom: z.string().optional() }).optional() }));

/** A JSM SlaInformation as the replica's SLA: the ongoing cycle if any, else the last completed one. */
export function toSla(s: z.output<typeof slaSchema>, readAt: number): SlaReplica | null {
  const goalMs = Math.round(s.ongoingCycle?.goalDuration?.millis ?? s.completedCycles?.at(-1)?.goalDuration?.millis ?? -1);
  if (goalMs < 0) return null;
  const name = s.name.slice(0, 255);
  const on = s.ongoingCycle;
  if (on) {
    const remainingMs = Math.round(on.remainingTime?.millis ?? 0);
    if (on.paused) return { name, goalMs, state: 'paused', breachAt: null, remainingMs, readAt };
    return { name, goalMs, state: 'running', breachAt: on.breachTime?.epochMillis ?? readAt + remainingMs, remainingMs, readAt };
  }
  const last = s.completedCycles?.at(-1);
  if (!last) return null;
  return { name, goalMs, state: last.breached ? 'breached' : 'met', breachAt: null, remainingMs: Math.round(last.remainingTime?.millis ?? 0), readAt };
}

export class ServiceDesk {
  private fieldId: Promise<string | null> | undefined;
  private readonly types = new Map<string, Promise<{ id: string; name: string }[]>>();

  constructor(
    private readonly client: JiraClient,
    private readonly users: UserDirectory,
    private readonly includeEmail: boolean,
  ) {}

  /** Undefined when the issue is no customer request (its project is no service desk). */
  async read(id: LocalIssueId, now: number): Promise<SnapshotServiceDesk | undefined> {
    const what = `read the service desk request of issue ${id}`;
    const res = await this.client.sendOrNull(what, 'GET', route`/rest/servicedeskapi/request/${id}?expand=requestType,participant,sla`);
    if (!res) return undefined;
    const req = parseLoose(what, requestSchema, res.text);
    return {
      requestType: req.requestType?.name ?? null,
      participants: (req.participants?.values ?? []).slice(0, PARTICIPANTS_READ).map((u) => this.person(u)),
      sla: (req.sla?.values ?? []).slice(0, 20).flatMap((s) => toSla(s, now) ?? []),
    };
  }

  /** The project's request type names (a rule save checks its map against them); null when it is no service desk. */
  async requestTypeNames(projectKey: string): Promise<string[] | null> {
    const desks = await this.client.json('list the service desks', desksSchema, 'GET', route`/rest/servicedeskapi/servicedesk?limit=100`);
    const desk = desks.values.find((d) => d.projectKey === projectKey);
    return desk ? (await this.requestTypes(desk.id)).map((t) => t.name) : null;
  }

  async setRequestType(id: LocalIssueId, name: string): Promise<void> {
    const what = `set the request type of issue ${id}`;
    const req = await this.client.sendOrNull(what, 'GET', route`/rest/servicedeskapi/request/${id}`);
    const deskId = req ? parseLoose(what, requestSchema, req.text).serviceDeskId : undefined;
    if (!deskId) throw new JiraApiError(`${what}: the issue is no customer request (its project is no service desk)`, false, 404, 'requestType');
    const types = await this.requestTypes(deskId);
    const type = types.find((t) => t.name === name) ?? types.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (!type) throw new JiraApiError(`unknown request type "${name}" (this service desk has ${types.map((t) => `"${t.name}"`).join(', ') || 'none'})`, false, null, 'requestType');
    const field = await this.requestTypeField();
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

  private person(u: z.output<typeof userSchema>): SnapshotServiceDesk['participants'][number] {
    return { accountId: u.accountId, displayName: u.displayName ?? '', ...(this.includeEmail && u.emailAddress ? { email: u.emailAddress } : {}) };
  }

  private requestTypes(deskId: string): Promise<{ id: string; name: string }[]> {
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
