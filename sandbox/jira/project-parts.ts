// Components and versions, as Jira Cloud has them: defined per project (GET
// /rest/api/3/project/{key}/components and /versions, created with POST /rest/api/3/component
// {name, project} and POST /rest/api/3/version {name, projectId}, Administer Projects needed), set on
// issues through the `components`, `fixVersions` and `versions` fields as `[{ id }]` or `[{ name }]`,
// where a name the project lacks is a field error ("Component name 'X' is not valid"), and read
// back as `[{ self, id, name }]`. Names are unique per project (case-insensitive). The `update`
// verbs `set`, `add` and `remove` work on these fields too. An archived version is not offered
// (createmeta leaves it out) and cannot be put on an issue; an issue that has one keeps it, and may
// drop it (sandbox/platform/README.md says what the docs leave open).
import { fieldErrors, JiraError, notFound } from './errors';
import type { SiteContext } from './context';
import { hasPermission } from './permissions';
import { json, type Ctx, type Route } from './router';
import type { ChangeItem, IssueRecord, ProjectPartSeed, ProjectRecord } from './types';

export type PartKind = 'components' | 'versions';
/** Issue field id → the project list it takes values from, and the changelog's field name. */
export const PART_FIELDS = {
  components: { kind: 'components', issueKey: 'componentIds', changelog: 'Component', noun: 'Component' },
  fixVersions: { kind: 'versions', issueKey: 'fixVersionIds', changelog: 'Fix Version', noun: 'Version' },
  versions: { kind: 'versions', issueKey: 'versionIds', changelog: 'Version', noun: 'Version' },
} as const;
export type PartFieldId = keyof typeof PART_FIELDS;
export const isPartField = (id: string): id is PartFieldId => Object.hasOwn(PART_FIELDS, id);

const listOf = (p: ProjectRecord, kind: PartKind): ProjectPartSeed[] => p[kind] ?? [];

export function partView(site: SiteContext, kind: PartKind, p: ProjectRecord, part: ProjectPartSeed): Record<string, unknown> {
  const base = { self: `${site.siteUrl}/rest/api/3/${kind === 'components' ? 'component' : 'version'}/${part.id}`, id: part.id, name: part.name };
  if (kind === 'components') return { ...base, description: part.description ?? '', project: p.key, projectId: Number(p.id), assigneeType: 'PROJECT_DEFAULT', isAssigneeTypeValid: false };
  return { ...base, description: part.description ?? '', archived: part.archived ?? false, released: part.released ?? false, projectId: Number(p.id) };
}

/** The issue's value of a part field, as GET /issue shows it. */
export function partFieldView(site: SiteContext, issue: IssueRecord, id: PartFieldId): Record<string, unknown>[] {
  const { kind, issueKey } = PART_FIELDS[id];
  const project = site.catalog.projectByKey(issue.projectKey);
  const parts = listOf(project, kind);
  return (issue[issueKey] ?? []).map((pid) => parts.find((x) => x.id === pid)).filter((x): x is ProjectPartSeed => x !== undefined).map((x) => partView(site, kind, project, x));
}

type Found = { part: ProjectPartSeed } | { error: string };

/**
 * One `{ id }` or `{ name }` reference. An archived version is refused unless the issue already
 * has it (`held`): Jira keeps archived versions on their issues but no longer offers them.
 */
function findPart(id: PartFieldId, project: ProjectRecord, ref: unknown, held: readonly string[] | 'any'): Found {
  const { kind, noun } = PART_FIELDS[id];
  const parts = listOf(project, kind);
  const r = ref as { id?: unknown; name?: unknown } | null;
  const found = typeof r?.id === 'string' ? parts.find((x) => x.id === r.id) : typeof r?.name === 'string' ? parts.find((x) => x.name === r.name) : undefined;
  const bad = typeof r?.name === 'string' ? `${noun} name '${r.name}' is not valid` : `${noun} id '${String(r?.id)}' is not valid`;
  if (!found || (found.archived && held !== 'any' && !held.includes(found.id))) return { error: bad };
  return { part: found };
}

/** The `fields` setter (and `update`'s `set`): `[{ id }]` or `[{ name }]`, every value one the project offers. */
export function setPartField(id: PartFieldId, project: ProjectRecord, draft: IssueRecord, value: unknown): string | undefined {
  const { issueKey } = PART_FIELDS[id];
  if (value === null) value = [];
  if (!Array.isArray(value)) return `data was not an array`;
  const held = draft[issueKey] ?? [];
  const ids: string[] = [];
  for (const v of value as unknown[]) {
    const found = findPart(id, project, v, held);
    if ('error' in found) return found.error;
    if (!ids.includes(found.part.id)) ids.push(found.part.id);
  }
  draft[issueKey] = ids;
  return undefined;
}

/** `update`'s `add` and `remove` of one value: adding one the issue has, or removing one it lacks, changes nothing. */
export function changePartField(id: PartFieldId, project: ProjectRecord, draft: IssueRecord, verb: 'add' | 'remove', value: unknown): string | undefined {
  const { issueKey } = PART_FIELDS[id];
  const held = draft[issueKey] ?? [];
  // Removing an archived version is allowed: it is how an issue lets go of one.
  const found = findPart(id, project, value, verb === 'remove' ? 'any' : held);
  if ('error' in found) return found.error;
  draft[issueKey] = verb === 'add' ? (held.includes(found.part.id) ? held : [...held, found.part.id]) : held.filter((x) => x !== found.part.id);
  return undefined;
}

/** Changelog items for the part fields, one per value added or removed, as Jira records them. */
export function partItems(site: SiteContext, before: IssueRecord, after: IssueRecord): ChangeItem[] {
  const items: ChangeItem[] = [];
  const project = site.catalog.projectByKey(after.projectKey);
  for (const [fieldId, { kind, issueKey, changelog }] of Object.entries(PART_FIELDS)) {
    const a = before[issueKey] ?? [];
    const b = after[issueKey] ?? [];
    const name = (pid: string) => listOf(project, kind).find((x) => x.id === pid)?.name ?? null;
    for (const pid of a.filter((x) => !b.includes(x))) items.push({ field: changelog, fieldtype: 'jira', fieldId, from: pid, fromString: name(pid), to: null, toString: null });
    for (const pid of b.filter((x) => !a.includes(x))) items.push({ field: changelog, fieldtype: 'jira', fieldId, from: null, fromString: null, to: pid, toString: name(pid) });
  }
  return items;
}

/** createmeta/editmeta: the schema Jira gives the field and the project's values. */
export function partFieldMeta(site: SiteContext, project: ProjectRecord, id: PartFieldId): Record<string, unknown> {
  const { kind } = PART_FIELDS[id];
  return { operations: ['set', 'add', 'remove'], allowedValues: listOf(project, kind).filter((x) => !x.archived).map((x) => partView(site, kind, project, x)) };
}

function nextId(site: SiteContext): string {
  let max = 10_000;
  for (const p of site.catalog.projects()) for (const x of [...listOf(p, 'components'), ...listOf(p, 'versions')]) max = Math.max(max, Number(x.id) || 0);
  return String(max + 1);
}

function projectOf(ctx: Ctx, ref: string | number | undefined): ProjectRecord {
  const p = ref === undefined ? undefined : ctx.scope.site.catalog.project(String(ref));
  if (!p || !hasPermission(ctx.scope.user, 'BROWSE_PROJECTS')) throw notFound(`No project could be found with key '${String(ref ?? '')}'.`);
  return p;
}

function create(kind: PartKind) {
  return (ctx: Ctx) => {
    const body = ctx.json() as { name?: unknown; project?: unknown; projectId?: unknown; description?: unknown; released?: unknown; archived?: unknown } | null;
    const ref = kind === 'components' ? body?.project : body?.projectId;
    if (ref === undefined || ref === null) throw fieldErrors({ [kind === 'components' ? 'project' : 'projectId']: 'The project must be specified.' });
    const p = projectOf(ctx, ref as string | number);
    if (!hasPermission(ctx.scope.user, 'ADMINISTER_PROJECTS')) throw new JiraError(403, ['You cannot edit the configuration of this project.']);
    const name = typeof body?.name === 'string' ? body.name.trim() : '';
    if (name === '') throw fieldErrors({ name: kind === 'components' ? 'The component name must be specified.' : 'You must specify a valid version name' });
    if (name.length > 255) throw fieldErrors({ name: 'The name must not be longer than 255 characters.' });
    const list = listOf(p, kind);
    if (list.some((x) => x.name.toLowerCase() === name.toLowerCase())) {
      throw fieldErrors({ name: kind === 'components' ? `A component with the name ${name} already exists in this project.` : 'A version with this name already exists in this project.' });
    }
    const part: ProjectPartSeed = { id: nextId(ctx.scope.site), name, ...(typeof body?.description === 'string' ? { description: body.description } : {}), ...(kind === 'versions' ? versionFlags(body) : {}) };
    ctx.scope.site.store.putProject({ ...p, [kind]: [...list, part] });
    return json(201, partView(ctx.scope.site, kind, p, part));
  };
}

/** `released` / `archived` of a version create or update body (Jira: both optional booleans). */
function versionFlags(body: { released?: unknown; archived?: unknown } | null): Pick<ProjectPartSeed, 'released' | 'archived'> {
  for (const k of ['released', 'archived'] as const) if (body?.[k] !== undefined && typeof body[k] !== 'boolean') throw fieldErrors({ [k]: `The value of '${k}' must be true or false.` });
  return { ...(body?.released !== undefined ? { released: body.released as boolean } : {}), ...(body?.archived !== undefined ? { archived: body.archived as boolean } : {}) };
}

/** PUT /rest/api/3/version/{id}: release, archive (or undo either) and rename a version. */
function updateVersion(ctx: Ctx) {
  const site = ctx.scope.site;
  const p = site.catalog.projects().find((x) => listOf(x, 'versions').some((v) => v.id === ctx.params.id));
  if (!p || !hasPermission(ctx.scope.user, 'BROWSE_PROJECTS')) throw notFound(`Could not find version for id '${ctx.params.id}'`);
  if (!hasPermission(ctx.scope.user, 'ADMINISTER_PROJECTS')) throw new JiraError(403, ['You cannot edit the configuration of this project.']);
  const body = ctx.json() as { name?: unknown; description?: unknown; released?: unknown; archived?: unknown } | null;
  const versions = listOf(p, 'versions');
  const current = versions.find((v) => v.id === ctx.params.id)!;
  const name = typeof body?.name === 'string' ? body.name.trim() : current.name;
  if (name === '' || name.length > 255) throw fieldErrors({ name: 'You must specify a valid version name' });
  if (versions.some((v) => v.id !== current.id && v.name.toLowerCase() === name.toLowerCase())) throw fieldErrors({ name: 'A version with this name already exists in this project.' });
  const next: ProjectPartSeed = { ...current, name, ...(typeof body?.description === 'string' ? { description: body.description } : {}), ...versionFlags(body) };
  site.store.putProject({ ...p, versions: versions.map((v) => (v.id === current.id ? next : v)) });
  return json(200, partView(site, 'versions', p, next));
}

function list(kind: PartKind) {
  return (ctx: Ctx) => {
    const p = projectOf(ctx, ctx.params.projectIdOrKey);
    return json(200, listOf(p, kind).map((x) => partView(ctx.scope.site, kind, p, x)));
  };
}

export const projectPartRoutes: Route[] = [
  { method: 'GET', pattern: '/rest/api/3/project/{projectIdOrKey}/components', handler: list('components') },
  { method: 'GET', pattern: '/rest/api/3/project/{projectIdOrKey}/versions', handler: list('versions') },
  { method: 'POST', pattern: '/rest/api/3/component', handler: create('components') },
  { method: 'POST', pattern: '/rest/api/3/version', handler: create('versions') },
  { method: 'PUT', pattern: '/rest/api/3/version/{id}', handler: updateVersion },
];
