// getIssue: ONE GET of the issue with only the fields the read plan names; comments come inline
// (the `comment` field's first page, with `jsdPublic` telling internal ones apart, so no extra
// call for visibility); a second call only when an issue has more comments than the first page.
import { route } from '@forge/api';
import { z } from 'zod';
import { localIssueId, type LocalIssueId } from '../../core/ids';
import type { FieldKey } from '../../core/replica/field-key';
import type { IssueSnapshot, SnapshotAttachment, SnapshotComment } from '../../core/replica/snapshot';
import { adfToRich } from './adf/adf-to-rich';
import { decodeField, type UserPrivacy } from './field-decode';
import { jiraFieldId } from './field-ids';
import type { FieldCatalog } from './field-kinds';
import { parseAnswer, type JiraClient } from './jira-client';
import { JiraApiError } from './jira-errors';
import { jsonBody } from './jira-http';
import { attachmentSchema, commentPageSchema, issueBeanSchema, type JiraComment } from './jira-schemas';
import type { ReadPlan } from './read-plan';
import { browseUrl } from './remote-link';
import { PAIR_PROPERTY } from './issue-writer';
import { readWorklogs } from './worklog-reader';
import { decodeRelations, RELATION_FIELDS } from './relations-reader';
import { serviceDeskFieldList, serviceDeskFromFields, type ParticipantOf } from './service-desk-fields';
import type { SnapshotServiceDesk } from '../../core/replica/service-desk';

/** How a snapshot gets its service desk part: decoded from the answer, else the request read (service-desk.ts). */
export type ServiceDeskDecoding = { person: ParticipantOf; request: (id: LocalIssueId, now: number) => Promise<SnapshotServiceDesk | undefined> };

const COMMENT_PAGE = 100;

const searchPageSchema = z.looseObject({ issues: z.array(issueBeanSchema), schema: issueBeanSchema.shape.schema });

const optionalUrl = (url: string | undefined): { url?: string } => (url ? { url } : {});

export const jiraTime = (raw: string | undefined): number => {
  const ms = raw ? Date.parse(raw) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
};

export function snapshotComment(c: JiraComment, privacy: UserPrivacy): SnapshotComment {
  const author: SnapshotComment['author'] = { displayName: c.author?.displayName ?? '' };
  if (privacy.includeEmail && c.author?.emailAddress) author.email = c.author.emailAddress;
  // JSM internal notes have jsdPublic false; a group/role restriction also keeps a comment in-house.
  const internal = c.jsdPublic === false || Boolean(c.visibility?.value);
  return { id: c.id, body: adfToRich(c.body), internal, author, updatedAt: jiraTime(c.updated ?? c.created) };
}

export class SnapshotReader {
  constructor(
    private readonly client: JiraClient,
    private readonly catalog: FieldCatalog,
    private readonly plan: ReadPlan,
    private readonly serviceDesk: ServiceDeskDecoding | null = null,
  ) {}

  private staleWarned = false;

  /** The query of the one issue GET, exposed for tests and the bench. */
  query(): URLSearchParams {
    const ids = new Set(['project', 'updated', ...this.plan.fields.map(jiraFieldId)]);
    if (this.plan.comments) ids.add('comment');
    if (this.plan.attachments) ids.add('attachment');
    if (this.plan.worklogs) ids.add('worklog');
    if (this.plan.relations) RELATION_FIELDS.forEach((f) => ids.add(f));
    const jsm = this.plan.serviceDesk?.fieldIds;
    if (jsm) serviceDeskFieldList(jsm).forEach((f) => ids.add(f));
    // The pair tag comes in the same call (an issue Liaison created for a partner is never taken for a local one).
    const q = new URLSearchParams({ fields: [...ids].join(','), properties: PAIR_PROPERTY });
    // Custom fields are decoded by their schema; ask for it in the same call when not known yet.
    if (this.plan.fields.some((k) => k.startsWith('custom:') && !this.catalog.knows(jiraFieldId(k)))) q.set('expand', 'schema');
    return q;
  }

  async read(id: LocalIssueId): Promise<IssueSnapshot | null> {
    const what = `read issue ${id}`;
    const res = await this.client.sendOrNull(what, 'GET', route`/rest/api/3/issue/${id}?${this.query()}`);
    if (!res) return null;
    return this.fromBean(what, parseAnswer(what, issueBeanSchema, res), res.status);
  }

  /**
   * An issue answer read ahead with every field (issue-project.ts), decoded as `read` decodes its
   * own: only what this plan names enters the snapshot, so it equals the one `read` would return.
   */
  fromAnswer(bean: z.output<typeof issueBeanSchema>, status: number): Promise<IssueSnapshot> {
    return this.fromBean(`read issue ${bean.id}`, bean, status);
  }

  /**
   * Many issues with one search (bulk sync): the same fields as `read`, so the snapshots are equal.
   * Field schemas (`expand=schema`, for custom fields of a kind not known yet) come at the top of a
   * search answer, and are learnt from there as well as from each issue. Null when Jira refuses
   * the query — it does (400) when one of the ids no longer exists — so the caller reads one by one.
   */
  async readMany(ids: LocalIssueId[]): Promise<Map<string, IssueSnapshot> | null> {
    const out = new Map<string, IssueSnapshot>();
    if (ids.length === 0) return out;
    if (ids.some((id) => !/^\d+$/.test(id))) throw new TypeError(`bulk reads take numeric issue ids, got ${JSON.stringify(ids)}`);
    const query = this.query();
    const what = `read ${ids.length} issues`;
    const body = { jql: `id in (${ids.join(',')})`, fields: query.get('fields')!.split(','), properties: [PAIR_PROPERTY], maxResults: ids.length, ...(query.has('expand') ? { expand: query.get('expand')! } : {}) };
    let page;
    try {
      page = await this.client.json(what, searchPageSchema, 'POST', route`/rest/api/3/search/jql`, jsonBody(body));
    } catch (e) {
      if (e instanceof JiraApiError && e.status === 400) return null;
      throw e;
    }
    for (const [fieldId, schema] of Object.entries(page.schema ?? {})) this.catalog.learn(fieldId, schema);
    for (const bean of page.issues) out.set(bean.id, await this.fromBean(`${what}: issue ${bean.id}`, bean, 200));
    return out;
  }

  private async fromBean(what: string, bean: z.output<typeof issueBeanSchema>, status: number): Promise<IssueSnapshot> {
    for (const [fieldId, schema] of Object.entries(bean.schema ?? {})) this.catalog.learn(fieldId, schema);
    const f = bean.fields;
    const project = f.project as { key?: unknown } | undefined;
    if (typeof project?.key !== 'string') throw new JiraApiError(`${what}: the answer names no project`, false, status);
    const privacy = { includeEmail: this.plan.includeEmail };
    const fields: IssueSnapshot['fields'] = {};
    for (const key of this.plan.fields) {
      const fieldId = jiraFieldId(key);
      const value = decodeField(key as FieldKey, f[fieldId], this.catalog.shape(fieldId), privacy);
      if (value) fields[key] = { value };
    }
    const tag = (bean.properties as Record<string, { pairId?: unknown } | undefined> | undefined)?.[PAIR_PROPERTY]?.pairId;
    return {
      ...(typeof tag === 'string' && tag ? { pairTag: tag } : {}),
      id: localIssueId(bean.id),
      key: bean.key,
      projectKey: project.key,
      ...optionalUrl(browseUrl(bean.self, bean.key)),
      updatedAt: jiraTime(typeof f.updated === 'string' ? f.updated : undefined),
      fields,
      comments: this.plan.comments ? await this.comments(bean.id, f.comment, privacy) : [],
      attachments: this.plan.attachments ? attachments(f.attachment) : [],
      ...(this.plan.relations ? { relations: decodeRelations(f) } : {}),
      ...(this.plan.worklogs ? { worklogs: await readWorklogs(this.client, bean.id, f.worklog, privacy) } : {}),
      ...(await this.serviceDeskOf(bean.id, f)),
    };
  }

  /** The request's data from the same answer; the request read only when the ids are unknown or stale. */
  private async serviceDeskOf(id: string, f: Record<string, unknown>): Promise<{ serviceDesk?: SnapshotServiceDesk }> {
    if (!this.plan.serviceDesk || !this.serviceDesk) return {};
    const now = Date.now();
    const ids = this.plan.serviceDesk.fieldIds;
    let decoded = ids ? serviceDeskFromFields(f, ids, this.serviceDesk.person, now) : 'missing';
    if (decoded === 'missing') {
      if (ids && !this.staleWarned) console.warn(`liaison: a service desk field the rule names is not on this site any more (${serviceDeskFieldList(ids).join(', ')}); reading the request instead until the rule is saved again`);
      this.staleWarned ||= Boolean(ids);
      decoded = await this.serviceDesk.request(localIssueId(id), now);
    }
    return decoded ? { serviceDesk: decoded } : {};
  }

  private async comments(issueId: string, inline: unknown, privacy: UserPrivacy): Promise<SnapshotComment[]> {
    const first = commentPageSchema.safeParse(inline ?? { comments: [] });
    if (!first.success) throw new JiraApiError(`read issue ${issueId}: the comment field is not a comment page`, false, null);
    const all = [...first.data.comments];
    const total = first.data.total ?? all.length;
    // Missing comments would look deleted to the outgoing planner, so the rest is always fetched.
    while (all.length < total) {
      const q = new URLSearchParams({ startAt: String(all.length), maxResults: String(COMMENT_PAGE), orderBy: 'created' });
      const page = await this.client.json(`read comments of ${issueId}`, commentPageSchema, 'GET', route`/rest/api/3/issue/${issueId}/comment?${q}`);
      if (page.comments.length === 0) break;
      all.push(...page.comments);
    }
    return all.map((c) => snapshotComment(c, privacy));
  }
}

function attachments(raw: unknown): SnapshotAttachment[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((a) => {
    const parsed = attachmentSchema.safeParse(a);
    if (!parsed.success) return [];
    const { id, filename, mimeType, size, content } = parsed.data;
    return [{ id, filename, mimeType: mimeType ?? 'application/octet-stream', size, ref: content ?? `attachment:${id}` }];
  });
}
