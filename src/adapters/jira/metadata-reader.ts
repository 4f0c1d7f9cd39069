// getMetadata: what the project allows, for checking rules and incoming values.
//   GET  /project/{key}                       issue types (and the project id)
//   GET  /field                               every field's schema (custom field kinds, site-wide)
//   POST /workflows {projectAndIssueTypes}    statuses, the transition graph, the initial status
//   GET  /issue/createmeta/{key}/issuetypes/{id}   per issue type: required fields, priorities,
//                                             select options
//   GET  /servicedeskapi/servicedesk, …/requesttype   only for a service desk project: its desk and
//                                             request types (a request type is then set with one PUT)
// Cached per adapter instance (one invocation), so planning and applying share one read, and across
// invocations in a MetadataCache when one is given (see metadata-cache.ts).
import { route } from '@forge/api';
import type { z } from 'zod';
import { standardFieldKeys, type FieldKey } from '../../core/replica/field-key';
import type { FieldConstraint, TrackerMetadata, Transition } from '../../core/rules/metadata';
import { fieldKeyOf } from './field-ids';
import { shapeOf, type FieldCatalog } from './field-kinds';
import { JIRA_FIELDS, RICH_TEXT_MAX, SUMMARY_MAX, TEXT_FIELD_MAX, type MetaContext } from './fields';
import type { CachedMetadata, CachedServiceDesk, MetadataCache } from './metadata-cache';
import { serviceDeskFieldIdsOf } from './service-desk-fields';
import type { JiraClient } from './jira-client';
import { jsonBody } from './jira-http';
import { createMetaPageSchema, fieldListSchema, projectSchema, workflowReadSchema, type JiraFieldSchema } from './jira-schemas';

export { SUMMARY_MAX, RICH_TEXT_MAX, TEXT_FIELD_MAX };

type CreateMeta = { required: Set<string>; options: Map<string, Set<string>> };

/** The project's desk and request types; null when it is no service desk. */
export type DeskReader = (projectKey: string) => Promise<{ deskId: string; requestTypes: { id: string; name: string }[] } | null>;

export class MetadataReader {
  private readonly cache = new Map<string, Promise<CachedMetadata>>();

  /**
   * `shared` is the cross-invocation cache; with `fresh`, this instance ignores what it holds and
   * refreshes it (an admin saving a rule validates against the project as it is now).
   */
  constructor(
    private readonly client: JiraClient,
    private readonly catalog: FieldCatalog,
    private readonly shared: { cache: MetadataCache; fresh?: boolean } | null = null,
    private readonly desk: DeskReader | null = null,
  ) {}

  async read(projectKey: string): Promise<TrackerMetadata> {
    return (await this.entry(projectKey)).metadata;
  }

  /** What the project's metadata knows of service desks (undefined: none, or an entry from before). */
  async serviceDesk(projectKey: string): Promise<CachedServiceDesk | undefined> {
    return (await this.entry(projectKey)).serviceDesk;
  }

  private entry(projectKey: string): Promise<CachedMetadata> {
    let pending = this.cache.get(projectKey);
    if (!pending) {
      pending = this.readShared(projectKey);
      // A failed read must not stick: the next apply asks again.
      pending.catch(() => this.cache.delete(projectKey));
      this.cache.set(projectKey, pending);
    }
    return pending;
  }

  private async readShared(projectKey: string): Promise<CachedMetadata> {
    if (!this.shared) return this.load(projectKey);
    const { cache, fresh } = this.shared;
    const hit = fresh ? null : await cache.read(projectKey).catch(() => null);
    if (hit) {
      for (const [id, schema] of Object.entries(hit.schemas)) this.catalog.learn(id, schema);
      return hit;
    }
    const loaded = await this.load(projectKey);
    // Best effort: a failed cache write costs the next invocation a Jira read, nothing more.
    await cache.write(projectKey, loaded).catch((e: unknown) => console.warn(`liaison: could not cache the metadata of ${projectKey}: ${(e as Error).message}`));
    return loaded;
  }

  /** A service desk project's desk; best effort (a site that refuses servicedeskapi still has its metadata). */
  private async deskOf(projectKey: string, projectTypeKey: string | undefined): Promise<Awaited<ReturnType<DeskReader>>> {
    if (!this.desk || projectTypeKey !== 'service_desk') return null;
    return this.desk(projectKey).catch((e: unknown) => {
      console.warn(`liaison: could not read the service desk of ${projectKey}: ${(e as Error).message}`);
      return null;
    });
  }

  private async load(projectKey: string): Promise<CachedMetadata> {
    const project = await this.client.json(`read project ${projectKey}`, projectSchema, 'GET', route`/rest/api/3/project/${projectKey}`);
    const types = project.issueTypes.filter((t) => !t.subtask);
    // Sub-task types are valid values of the issue type (a mirrored sub-task keeps its type) though
    // their workflows and create screens are not read: a sub-task is made under its parent.
    const typeNames = project.issueTypes.map((t) => t.name);
    const [fieldList, desk, workflows, ...metas] = await Promise.all([
      this.client.json('read the field list', fieldListSchema, 'GET', route`/rest/api/3/field`),
      this.deskOf(projectKey, project.projectTypeKey),
      this.client.json(`read the workflows of ${projectKey}`, workflowReadSchema, 'POST', route`/rest/api/3/workflows`,
        jsonBody({ projectAndIssueTypes: types.map((t) => ({ projectId: project.id, issueTypeId: t.id })) })),
      ...types.map((t) => this.createMeta(projectKey, t.id)),
    ]);
    const schemas: Record<string, JiraFieldSchema> = {};
    for (const f of fieldList) {
      this.catalog.learn(f.id, f.schema);
      if (f.schema && shapeOf(f.schema)) schemas[f.id] = f.schema;
    }
    const { statuses, transitions, initialStatus } = workflowGraph(workflows);
    const merged = mergeCreateMeta(metas);
    const priorities = [...(merged.options.get('priority') ?? [])];
    const required = (id: string) => (merged.required.has(id) ? { required: true } : {});
    const context: MetaContext = {
      issueTypes: typeNames, priorities, statuses, required,
      allowed: (id) => [...(merged.options.get(id) ?? [])],
    };
    const fields: Partial<Record<FieldKey, FieldConstraint>> = {};
    for (const key of standardFieldKeys) fields[key] = JIRA_FIELDS[key].constraint(context);
    const fieldNames: Partial<Record<FieldKey, string>> = {};
    for (const f of fieldList) {
      const key = f.custom ? fieldKeyOf(f.id) : null;
      const shape = this.catalog.shape(f.id);
      if (!key || !shape) continue;
      fields[key] = constraintFor(shape.kind, [...(merged.options.get(f.id) ?? [])], required(f.id));
      if (f.name) fieldNames[key] = f.name;
    }
    const fieldIds = serviceDeskFieldIdsOf(fieldList);
    const serviceDesk: CachedServiceDesk | undefined = fieldIds ? { fieldIds, ...(desk ?? {}) } : undefined;
    return { metadata: { projectKey, issueTypes: typeNames, priorities, statuses, initialStatus, transitions, fields, fieldNames, commentMaxLength: RICH_TEXT_MAX }, schemas, ...(serviceDesk ? { serviceDesk } : {}) };
  }

  private async createMeta(projectKey: string, issueTypeId: string): Promise<CreateMeta> {
    const meta: CreateMeta = { required: new Set(), options: new Map() };
    for (let startAt = 0; ; ) {
      const q = new URLSearchParams({ startAt: String(startAt), maxResults: '200' });
      const page = await this.client.json(`read the create screen of ${projectKey}`, createMetaPageSchema, 'GET',
        route`/rest/api/3/issue/createmeta/${projectKey}/issuetypes/${issueTypeId}?${q}`);
      for (const f of page.fields) {
        if (f.required) meta.required.add(f.fieldId);
        const names = (f.allowedValues ?? []).filter((v) => !v.disabled).map((v) => v.value ?? v.name).filter((n): n is string => Boolean(n));
        if (names.length > 0) meta.options.set(f.fieldId, new Set(names));
      }
      startAt += page.fields.length;
      if (page.fields.length === 0 || startAt >= (page.total ?? startAt)) return meta;
    }
  }
}

function constraintFor(kind: FieldConstraint['kind'], options: string[], common: { required?: boolean }): FieldConstraint {
  switch (kind) {
    case 'text': return { kind, maxLength: TEXT_FIELD_MAX, ...common };
    case 'rich': return { kind, maxLength: RICH_TEXT_MAX, ...common };
    case 'option': return { kind, options, ...common };
    case 'options': return options.length > 0 ? { kind, options, ...common } : { kind, ...common };
    default: return { kind, ...common };
  }
}

/** A field is required for the project only when every issue type requires it; options add up. */
function mergeCreateMeta(metas: CreateMeta[]): CreateMeta {
  const required = new Set(metas[0]?.required ?? []);
  for (const m of metas.slice(1)) for (const id of required) if (!m.required.has(id)) required.delete(id);
  const options = new Map<string, Set<string>>();
  for (const m of metas) for (const [id, names] of m.options) options.set(id, new Set([...(options.get(id) ?? []), ...names]));
  return { required, options };
}

type WorkflowRead = z.output<typeof workflowReadSchema>;

export function workflowGraph(read: WorkflowRead): { statuses: string[]; transitions: Transition[]; initialStatus: string } {
  const nameOf = new Map(read.statuses.map((s) => [s.statusReference, s.name]));
  const name = (ref: string) => nameOf.get(ref) ?? ref;
  const transitions: Transition[] = [];
  const seen = new Set<string>();
  let initialStatus: string | undefined;
  for (const wf of read.workflows) {
    for (const t of wf.transitions) {
      if (t.type === 'INITIAL') {
        initialStatus ??= name(t.toStatusReference);
        continue;
      }
      const from = t.type === 'GLOBAL' ? [] : t.links.map((l) => l.fromStatusReference).filter((r): r is string => Boolean(r)).map(name);
      const transition = { id: t.id, name: t.name, from, to: name(t.toStatusReference) };
      const key = JSON.stringify(transition);
      if (!seen.has(key)) transitions.push(transition);
      seen.add(key);
    }
  }
  const statuses = [...new Set(read.statuses.map((s) => s.name))];
  return { statuses, transitions, initialStatus: initialStatus ?? statuses[0] ?? '' };
}
