// Hierarchy and issue links on Jira REST v3: the parent through the issue's `parent` field, links
// through /rest/api/3/issueLink. Creating a link answers 201 without a body, so the new link's id
// is read from the source issue's `issuelinks` (one GET, only when a link was made).
import { route } from '@forge/api';
import { z } from 'zod';
import type { LocalIssueId } from '../../core/ids';
import type { JiraClient } from './jira-client';
import { JiraApiError } from './jira-errors';
import { jsonBody } from './jira-http';

const linksAnswer = z.looseObject({
  fields: z.looseObject({
    issuelinks: z.array(z.looseObject({ id: z.string(), type: z.looseObject({ name: z.string() }), outwardIssue: z.looseObject({ id: z.string() }).optional() })).default([]),
  }),
});

const linkTypesAnswer = z.looseObject({ issueLinkTypes: z.array(z.looseObject({ name: z.string() })).default([]) });

export class RelationsWriter {
  constructor(private readonly client: JiraClient) {}

  async setParent(id: LocalIssueId, parent: LocalIssueId | null): Promise<void> {
    await this.client.send(`set the parent of issue ${id}`, 'PUT', route`/rest/api/3/issue/${id}`, jsonBody({ fields: { parent: parent === null ? null : { id: parent } } }));
  }

  /** `source` is the issue the type's outward description applies to (Blocks: source blocks destination). */
  async addLink(link: { type: string; source: LocalIssueId; destination: LocalIssueId }): Promise<string> {
    const what = `link issue ${link.source} to ${link.destination} (${link.type})`;
    await this.client.send(what, 'POST', route`/rest/api/3/issueLink`, jsonBody({ type: { name: link.type }, inwardIssue: { id: link.source }, outwardIssue: { id: link.destination } }));
    const answer = await this.client.json(`${what}: read its id`, linksAnswer, 'GET', route`/rest/api/3/issue/${link.source}?fields=issuelinks`);
    const made = answer.fields.issuelinks.find((l) => l.type.name.toLowerCase() === link.type.toLowerCase() && l.outwardIssue?.id === link.destination);
    if (!made) throw new JiraApiError(`${what}: Jira accepted the link but does not show it`, true, null);
    return made.id;
  }

  /** The site's link types by name (GET /rest/api/3/issueLinkType: every type, one call). */
  async linkTypeNames(): Promise<string[]> {
    const answer = await this.client.json('read the link types', linkTypesAnswer, 'GET', route`/rest/api/3/issueLinkType`);
    return answer.issueLinkTypes.map((t) => t.name);
  }

  async removeLink(linkId: string): Promise<void> {
    // A 404 means it is gone already, which is what was asked.
    await this.client.sendOrNull(`remove issue link ${linkId}`, 'DELETE', route`/rest/api/3/issueLink/${linkId}`);
  }
}
