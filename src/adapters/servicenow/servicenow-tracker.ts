// The core's Tracker port on a ServiceNow table (Table API), for the in-process "ServiceNow peer":
// ServiceNow cannot run Liaison, so the Jira side runs the core a second time with this tracker.
// One instance per invocation; nothing is cached across invocations.
import { createHash } from 'node:crypto';
import { localIssueId, type LocalIssueId, type PairId } from '../../core/ids';
import type { FieldEdit } from '../../core/planning/change-plan';
import type { NewComment, StoredValues, Tracker } from '../../core/ports/tracker';
import type { FieldKey } from '../../core/replica/field-key';
import type { AttachmentReplica } from '../../core/replica/replica';
import type { IssueSnapshot } from '../../core/replica/snapshot';
import type { FieldConstraint, TrackerMetadata } from '../../core/rules/metadata';
import { TrackerError } from '../../core/sync/tracker-error';
import { uploadAttachment, type AttachmentUpload } from './attachment-transfer';
import { queryValue } from './encoded-query';
import { readColumns, SYSTEM_COLUMNS } from './record-columns';
import { valueOf } from './record-fields';
import { CLOSING, closingBody, entryForState } from './closing-fields';
import { isLinkNote, linkNote, type Resolution } from './record-links';
import { parentColumnOf, recordRelations } from './record-parent';
import { commentPatch, editsToPatch, keptChoices, peopleToResolve, type Patch, type PatchContext } from './record-patch';
import { JOURNAL_ELEMENTS, recordToSnapshot, recordUrl } from './record-snapshot';
import { ServiceNowApiError } from './servicenow-errors';
import { ServiceNowClient } from './servicenow-client';
import { CREATED_COLUMN, TIME_WORKED_COLUMN, timeWorkedWorklog } from './time-worked';
import type { ServiceNowHttp } from './servicenow-http';
import { DEFAULT_CHOICES, type Choice, type ChoiceLists, type PriorityRule } from './value-maps';

/** The fields a ServiceNow record carries for the core (people need emails the peer does not share by default). */
export const SERVICENOW_FIELDS: readonly FieldKey[] = ['summary', 'description', 'status', 'priority'];

/** The task column the pair id is tagged in, so a retried create finds the first one. */
export const PAIR_TAG_COLUMN = 'correlation_id';
/**
 * What linkPartner writes to correlation_display: the record is mirrored by Liaison, followed by the
 * Jira issue's id ("Jira (Liaison) 10004"; records linked before carry the bare marker). The id lets
 * the peer find the pair Jira's create made by key, with no Jira read to turn the key into an id
 * (peer-ledger-store.ts); an agent can edit it, so it is a claim the pair must confirm.
 */
export const LINK_DISPLAY = 'Jira (Liaison)';
const JIRA_ID = /^[1-9][0-9]{0,17}$/;

/** The display value linkPartner writes for the Jira issue `jiraId` (a bare marker when the id is unknown or malformed). */
export const linkDisplay = (jiraId: string | undefined): string => (jiraId && JIRA_ID.test(jiraId) ? `${LINK_DISPLAY} ${jiraId}` : LINK_DISPLAY);

/** Liaison's link as a record's correlation_display shows it: absent, or present with the Jira id it names (if any). */
export function parseLinkDisplay(display: string): { jiraId?: string } | undefined {
  if (display === LINK_DISPLAY) return {};
  if (!display.startsWith(`${LINK_DISPLAY} `)) return undefined;
  const id = display.slice(LINK_DISPLAY.length + 1);
  return JIRA_ID.test(id) ? { jiraId: id } : {};
}

export type ServiceNowTrackerOptions = {
  http: ServiceNowHttp;
  instanceUrl: string;
  table: string;
  /** The core fields getIssue reads (the read plan); default SERVICENOW_FIELDS. */
  fields?: readonly FieldKey[];
  /** Choice lists differing from ServiceNow's defaults (from sys_choice). */
  choices?: ChoiceLists;
  /** Where incoming attachment content comes from (the Jira side's refs), and the cap on its bytes. */
  attachments?: AttachmentUpload;
  /**
   * What getIssue reads besides the record (one Table API call each; time worked is two columns of
   * the record's own GET, read as one worklog: time-worked.ts); all by default. Leave out
   * what no rule shares, as the Jira tracker's read plan does: the snapshot then has none of them.
   */
  read?: { comments?: boolean; attachments?: boolean; timeWorked?: boolean };
  /** The instance's Priority Lookup Rules, when the integration user could read them at save time. */
  priorityLookup?: readonly PriorityRule[];
  /** What a transition into a resolving or closing state sends with the state when the rule names nothing for it (the connection's settings). */
  resolution?: Resolution;
  /** The rule's code and notes per resolving or closing state (keyed by state label or value), read when a transition needs them. */
  resolutions?: () => Promise<Readonly<Record<string, Resolution>> | undefined>;
};

const SYS_ID = /^[0-9a-f]{32}$/;

export class ServiceNowTracker implements Tracker {
  readonly client: ServiceNowClient;
  private readonly fields: readonly FieldKey[];
  /** Journal entry sys_ids read per record in this invocation: addComment's "before" needs no second read. */
  private readonly journalSeen = new Map<string, Set<string>>();
  /** The partner's key per record read (correlation_id, written by linkPartner): the resolution notes name it. */
  private readonly partnerKeys = new Map<string, string>();
  /** Records read in this invocation that Liaison has linked to a Jira issue (correlation_display), with who last wrote them. */
  private readonly linked = new Map<string, { updatedBy: string | undefined; jiraId?: string }>();
  /** The closing notes columns per record read (problem's cause and fix notes): an agent's analysis is not overwritten. */
  private readonly notesSeen = new Map<string, Record<string, string>>();

  constructor(private readonly options: ServiceNowTrackerOptions) {
    this.client = new ServiceNowClient(options.http);
    this.fields = options.fields ?? SERVICENOW_FIELDS;
  }

  private get table(): string {
    return this.options.table;
  }

  /** By sys_id, or by number (INC0010001) as the Jira tracker accepts keys. */
  async getIssue(id: LocalIssueId): Promise<IssueSnapshot | null> {
    const keep = CLOSING[this.table]?.keepFilled ?? [];
    const parent = parentColumnOf(this.table);
    // Time worked rides in the same GET (time-worked.ts): a column more, no request more.
    const timeWorked = this.options.read?.timeWorked ?? true;
    const columns = [...readColumns(this.fields, false), PAIR_TAG_COLUMN, 'correlation_display', ...keep, ...(parent ? [parent] : []), ...(timeWorked ? [TIME_WORKED_COLUMN, CREATED_COLUMN] : [])];
    const record = SYS_ID.test(id)
      ? await this.client.get(this.table, id, { fields: columns, displayValue: 'all' })
      : (await this.client.list(this.table, { query: `number=${queryValue(id)}`, fields: columns, displayValue: 'all', limit: 1 })).records[0] ?? null;
    if (!record) return null;
    const sysId = valueOf(record, 'sys_id');
    const read = { comments: this.options.read?.comments ?? true, attachments: this.options.read?.attachments ?? true };
    const [journal, attachments] = await Promise.all([
      read.comments ? this.client.journal(this.table, sysId) : [],
      read.attachments ? this.client.attachments(this.table, sysId) : [],
    ]);
    if (read.comments) this.journalSeen.set(sysId, new Set(journal.map((e) => e.sys_id)));
    this.partnerKeys.set(sysId, valueOf(record, PAIR_TAG_COLUMN));
    const link = parseLinkDisplay(valueOf(record, 'correlation_display'));
    if (link) this.linked.set(sysId, { updatedBy: valueOf(record, 'sys_updated_by'), ...link });
    else this.linked.delete(sysId);
    if (keep.length > 0) this.notesSeen.set(sysId, Object.fromEntries(keep.map((c) => [c, valueOf(record, c)])));
    // sys_journal_field names authors by login; the rule shares display names, so look them up.
    // Liaison's own link note is left out of the snapshot: it needs no name (nor a read).
    const logins = [...new Set(journal.filter((e) => !isLinkNote(e.value)).map((e) => e.sys_created_by))];
    const authors = logins.length > 0 ? await this.client.userNames(logins) : new Map<string, string>();
    const snapshot = recordToSnapshot({ instanceUrl: this.options.instanceUrl, table: this.table, record, journal, attachments, fields: this.fields, authors, ...(this.options.choices ? { choices: this.options.choices } : {}) });
    const worklog = timeWorked ? timeWorkedWorklog(record) : undefined;
    const withWorklogs = worklog ? { ...snapshot, worklogs: [worklog] } : snapshot;
    return parent ? { ...withWorklogs, relations: recordRelations(record, parent) } : withWorklogs;
  }

  /** States become a workflow where any state is reachable from any other (ServiceNow's own default). */
  async getMetadata(projectKey: string): Promise<TrackerMetadata> {
    const states = this.choiceList('state');
    const priorities = this.choiceList('priority');
    const statusNames = states.map((c) => c.label);
    const fields: Partial<Record<FieldKey, FieldConstraint>> = {
      summary: { kind: 'text', maxLength: 160, required: true },
      description: { kind: 'rich', maxLength: 4000 },
      status: { kind: 'option', options: statusNames },
      priority: { kind: 'option', options: priorities.map((c) => c.label) },
    };
    return {
      projectKey,
      issueTypes: [this.table],
      priorities: priorities.map((c) => c.label),
      statuses: statusNames,
      initialStatus: statusNames[0] ?? '',
      transitions: states.map((c) => ({ id: c.value, name: c.label, from: [], to: c.label })),
      fields,
    };
  }

  async findIssueByPair(pairId: PairId): Promise<LocalIssueId | null> {
    const page = await this.client.list(this.table, { query: `${PAIR_TAG_COLUMN}=${queryValue(pairId)}`, fields: ['sys_id', PAIR_TAG_COLUMN], limit: 1 });
    // An instance without the column ignores the condition and lists anything: check the tag itself.
    const hit = page.records.find((r) => valueOf(r, PAIR_TAG_COLUMN) === pairId);
    return hit ? localIssueId(valueOf(hit, 'sys_id')) : null;
  }

  async createIssue(input: { pairId: PairId; projectKey: string; issueType: string; edits: FieldEdit[]; parent?: LocalIssueId }): Promise<{ id: LocalIssueId; key: string; url?: string; stored: StoredValues }> {
    const patch = editsToPatch(input.edits, await this.patchContext(input.edits));
    const parentColumn = parentColumnOf(this.table);
    const under = input.parent && parentColumn ? { [parentColumn]: input.parent } : {};
    const record = await this.client.create(this.table, { ...patch.body, ...under, [PAIR_TAG_COLUMN]: input.pairId }, { fields: SYSTEM_COLUMNS, columns: patch.columns });
    const sysId = valueOf(record, 'sys_id');
    return { id: localIssueId(sysId), key: valueOf(record, 'number') || sysId, url: recordUrl(this.options.instanceUrl, this.table, sysId), stored: patch.stored };
  }

  async updateFields(id: LocalIssueId, edits: FieldEdit[]): Promise<StoredValues> {
    if (edits.length === 0) return {};
    const ctx = await this.patchContext(edits);
    const patch = editsToPatch(edits, ctx);
    await this.write(id, patch, ctx);
    return patch.stored;
  }

  /**
   * Transition ids are the state values (getMetadata). Into a resolving or closing state the code
   * and notes go along, as the instance's data policy demands (the rule's entry for that state,
   * else the connection's); the state must read back as sent.
   */
  async transition(id: LocalIssueId, transitionId: string): Promise<void> {
    const body = { state: transitionId, ...(await this.closingFields(id, transitionId)) };
    const columns = Object.fromEntries(Object.keys(body).map((c) => [c, 'status']));
    await this.write(id, { body, stored: {}, columns }, { table: this.table, ...(this.options.choices ? { choices: this.options.choices } : {}) });
  }

  /** The PATCH, then what ServiceNow kept: a choice it dropped or a priority its lookup computed otherwise is refused by name. */
  private async write(id: LocalIssueId, patch: Patch, ctx: PatchContext): Promise<void> {
    const answer = await this.client.update(this.table, id, patch.body, { fields: ['sys_id', ...Object.keys(patch.body)], columns: patch.columns });
    const values = Object.fromEntries(Object.keys(patch.body).map((c) => [c, valueOf(answer, c)]));
    const dropped = keptChoices(patch, ctx, values)[0];
    if (!dropped) return;
    const field = patch.columns[dropped.column] ?? dropped.column;
    const why = dropped.column === 'priority'
      ? `the instance computed priority ${dropped.kept} from impact ${values.impact ?? '?'} and urgency ${values.urgency ?? '?'}: its priority lookup rules differ from the rule's map (let the integration user read dl_u_priority, then save the connection again)`
      : `it is not one of the instance's ${dropped.column} choices (ServiceNow drops such a value without an error)`;
    throw new ServiceNowApiError(`${field}: ServiceNow kept ${dropped.column} = ${JSON.stringify(dropped.kept)}, not ${JSON.stringify(dropped.sent)}: ${why}`, false, 200, field);
  }

  /**
   * Puts the record under `parent` (a record of the same table, a copy on this connection) or takes
   * it out (null). A table without a parent column refuses, named, so the pair shows why.
   */
  async setParent(id: LocalIssueId, parent: LocalIssueId | null): Promise<void> {
    const column = parentColumnOf(this.table);
    if (!column) throw new TrackerError(`parent: records of ${this.table} have no parent field Liaison keeps (only incident's Parent Incident)`, false, 'parent');
    if (parent !== null && !SYS_ID.test(parent)) throw new TrackerError(`parent: ${parent} is no ${this.table} sys_id`, false, 'parent');
    await this.client.update(this.table, id, { [column]: parent ?? '' }, { fields: ['sys_id', column] });
  }

  /** The agent on ServiceNow sees the Jira issue: its key in correlation_id, and a work note with the link. */
  async linkPartner(id: LocalIssueId, link: { pairId: PairId; url: string; title: string; partnerIssueId?: string }): Promise<void> {
    const display = linkDisplay(link.partnerIssueId);
    const body = { [PAIR_TAG_COLUMN]: link.title.slice(0, 100), correlation_display: display, work_notes: linkNote(link.title, link.url) };
    await this.client.update(this.table, id, body, { fields: ['sys_id'] });
    this.partnerKeys.set(id, link.title);
    this.linked.set(id, { updatedBy: undefined, ...parseLinkDisplay(display) });
  }

  /**
   * Liaison's link on the record as last read or written here (correlation_display): the Jira issue
   * key it names (correlation_id), and whether Liaison wrote the record last (`ownWrite`: true when
   * `ownUser`, the integration user, is unknown). A link Liaison wrote last means a pair exists; one
   * an agent wrote after may have been copied with the record, so it is a claim to check (PeerLedgerStore).
   */
  liaisonLink(id: string, ownUser?: string): { jiraKey: string; jiraId?: string; ownWrite: boolean } | undefined {
    const seen = this.linked.get(id);
    if (seen === undefined) return undefined;
    return { jiraKey: this.partnerKeys.get(id) ?? '', ...(seen.jiraId ? { jiraId: seen.jiraId } : {}), ownWrite: ownUser === undefined || seen.updatedBy === ownUser };
  }

  async addComment(id: LocalIssueId, comment: NewComment): Promise<string> {
    const element = comment.internal ? JOURNAL_ELEMENTS.internal : JOURNAL_ELEMENTS.public;
    // The PATCH answers with the record, not the journal entry. Entries are stamped to the second
    // and tie-broken by random sys_id, so "the newest" may be another one: ours is the one that is new.
    // The apply read the record (and its journal) just before; an entry an agent added since is new
    // to us as well, and told apart below like one added in the same moment.
    const before = this.journalSeen.get(id) ?? new Set((await this.client.journal(this.table, id, [element])).map((e) => e.sys_id));
    const patch = commentPatch(comment);
    await this.client.update(this.table, id, patch, { fields: ['sys_id'] });
    const after = await this.client.journal(this.table, id, [element]);
    // Not even the entry just written reads back: the integration user may not read the journal
    // (rows hidden). The comment is on the record; an id of our own keeps it from being reported
    // as failed. Test connection tells the admin about the missing read access.
    if (after.length === 0) return `unreadable:${id}:${createHash('sha256').update(patch[element] ?? '').digest('hex').slice(0, 16)}`;
    const added = after.filter((e) => !before.has(e.sys_id));
    this.journalSeen.set(id, new Set([...before, ...after.map((e) => e.sys_id)]));
    // An agent may have written a note in the same moment: ours carries the text we sent.
    const ours = added.length === 1 ? added[0] : added.find((e) => e.value.trim() === (patch[element] ?? '').trim());
    if (!ours) throw new TrackerError(`comment on ${this.table} ${id}: ServiceNow saved the ${element} entry but it could not be told apart (${added.length} new entries)`, false, 'comments');
    return ours.sys_id;
  }

  /**
   * A journal entry carries no property, and a token in its text would show to every agent: the
   * entry an earlier add left is the unclaimed one of the same journal field with exactly the text
   * that add wrote (author line and body). One journal read, only when an add is retried.
   */
  async findMirroredComment(id: LocalIssueId, comment: NewComment & { mirrorOf: string }, candidates: readonly string[]): Promise<string | null> {
    const patch = commentPatch(comment);
    const element = comment.internal ? JOURNAL_ELEMENTS.internal : JOURNAL_ELEMENTS.public;
    const text = (patch[element] ?? '').trim();
    if (!text || candidates.length === 0) return null;
    const journal = await this.client.journal(this.table, id, [element]);
    const open = new Set(candidates);
    return journal.find((e) => open.has(e.sys_id) && e.element === element && e.value.trim() === text)?.sys_id ?? null;
  }

  updateComment(id: LocalIssueId, commentId: string): Promise<void> {
    return Promise.reject(new TrackerError(`comment ${commentId} on ${this.table} ${id}: ServiceNow journal entries cannot be edited`, false, 'comments'));
  }

  deleteComment(id: LocalIssueId, commentId: string): Promise<void> {
    return Promise.reject(new TrackerError(`comment ${commentId} on ${this.table} ${id}: ServiceNow journal entries cannot be deleted`, false, 'comments'));
  }

  /** Through the Attachment API; the record itself is not touched (its sys_updated_on stays). */
  addAttachment(id: LocalIssueId, attachment: AttachmentReplica): Promise<string> {
    return uploadAttachment(this.client, { table: this.table, sysId: id }, attachment, this.options.attachments);
  }

  private async closingFields(id: LocalIssueId, state: string): Promise<Record<string, string>> {
    if (!CLOSING[this.table]?.states.includes(state)) return {};
    const entry = entryForState(await this.options.resolutions?.(), this.choiceList('state'), state) ?? this.options.resolution;
    try {
      return closingBody(this.table, state, entry, this.partnerKeys.get(id) ?? '', this.notesSeen.get(id));
    } catch (e) {
      throw new ServiceNowApiError(`status: ${(e as Error).message}`, false, null, 'status');
    }
  }

  private choiceList(column: string): readonly Choice[] {
    return this.options.choices?.[column] ?? DEFAULT_CHOICES[column] ?? [];
  }

  private async patchContext(edits: readonly FieldEdit[]): Promise<PatchContext> {
    const users = new Map<string, { sysId: string; name: string }>();
    for (const email of peopleToResolve(edits)) {
      const user = await this.client.findUserByEmail(email);
      if (user) users.set(email, { sysId: user.sys_id, name: user.name });
    }
    return { table: this.table, users, ...(this.options.choices ? { choices: this.options.choices } : {}), ...(this.options.priorityLookup ? { priorityLookup: this.options.priorityLookup } : {}) };
  }
}
