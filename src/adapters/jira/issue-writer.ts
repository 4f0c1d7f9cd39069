// Writes to the issue itself with the fewest calls: one POST for a create (pair tag included as an
// entity property, so a retried create finds the first one), one PUT for every plain field of a
// change, one POST per workflow transition.
import { route } from '@forge/api';
import { localIssueId, type LocalIssueId, type PairId } from '../../core/ids';
import type { FieldEdit } from '../../core/planning/change-plan';
import type { StoredValues } from '../../core/ports/tracker';
import { encodeEdits } from './field-encode';
import type { FieldCatalog } from './field-kinds';
import type { JiraClient } from './jira-client';
import { JiraApiError } from './jira-errors';
import { jsonBody } from './jira-http';
import { ProjectParts } from './project-parts';
import { createdIssueSchema, searchPageSchema } from './jira-schemas';
import { browseUrl } from './remote-link';
import type { UserDirectory } from './user-directory';

/** The issue entity property that tags an issue with its pair; indexed for JQL by the manifest. */
export const PAIR_PROPERTY = 'liaisonPair';

/** JQL finding the issue tagged with a pair id (needs the manifest's jira:entityProperty index). */
export function pairJql(pairId: PairId): string {
  return `issue.property[${PAIR_PROPERTY}].pairId = "${pairId.replace(/["\\]/g, '\\$&')}"`;
}

export class IssueWriter {
  private readonly parts: ProjectParts;

  constructor(
    private readonly client: JiraClient,
    private readonly catalog: FieldCatalog,
    private readonly users: UserDirectory,
  ) {
    this.parts = new ProjectParts(client);
  }

  async create(input: { pairId: PairId; projectKey: string; issueType: string; edits: FieldEdit[]; parent?: LocalIssueId }): Promise<{ id: LocalIssueId; key: string; url?: string; stored: StoredValues }> {
    await this.parts.ensure(input.edits);
    const { fields, stored } = await encodeEdits(input.edits, this.catalog, this.users, 'create');
    const body = {
      fields: { ...fields, project: { key: input.projectKey }, issuetype: { name: input.issueType }, ...(input.parent ? { parent: { id: input.parent } } : {}) },
      properties: [{ key: PAIR_PROPERTY, value: { pairId: input.pairId } }],
    };
    const created = await this.client.json(`create an issue in ${input.projectKey}`, createdIssueSchema, 'POST', route`/rest/api/3/issue`, jsonBody(body));
    const url = browseUrl(created.self, created.key);
    return { id: localIssueId(created.id), key: created.key, ...(url ? { url } : {}), stored: { ...stored, issuetype: { kind: 'option', name: input.issueType } } };
  }

  async update(id: LocalIssueId, edits: FieldEdit[]): Promise<StoredValues> {
    if (edits.length === 0) return {};
    await this.parts.ensure(edits);
    const { fields, update, stored } = await encodeEdits(edits, this.catalog, this.users);
    const names = edits.map((e) => e.field).join(', ');
    const hasUpdate = Object.keys(update).length > 0;
    if (Object.keys(fields).length === 0 && !hasUpdate) return stored;
    await this.client.send(`edit ${names} of issue ${id}`, 'PUT', route`/rest/api/3/issue/${id}`, jsonBody({ fields, ...(hasUpdate ? { update } : {}) }));
    return stored;
  }

  async transition(id: LocalIssueId, transitionId: string): Promise<void> {
    try {
      await this.client.send(`transition issue ${id} (transition ${transitionId})`, 'POST', route`/rest/api/3/issue/${id}/transitions`, jsonBody({ transition: { id: transitionId } }));
    } catch (e) {
      // Name the field, so a refused transition is recorded against status.
      if (e instanceof JiraApiError && !e.transient && !e.field) throw new JiraApiError(e.message, false, e.status, 'status', undefined, { cause: e });
      throw e;
    }
  }

  async findByPair(pairId: PairId): Promise<LocalIssueId | null> {
    const page = await this.client.json(`find the issue of pair ${pairId}`, searchPageSchema, 'POST', route`/rest/api/3/search/jql`,
      jsonBody({ jql: pairJql(pairId), maxResults: 2, fields: ['id'] }));
    if (page.issues.length > 1) throw new JiraApiError(`pair ${pairId} tags ${page.issues.length} issues (${page.issues.map((i) => i.key ?? i.id).join(', ')})`, false, null);
    return page.issues[0] ? localIssueId(page.issues[0].id) : null;
  }
}
