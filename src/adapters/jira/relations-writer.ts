// Hierarchy and issue links on Jira REST v3: the parent through the issue's `parent` field, links
// through /rest/api/3/issueLink. Creating a link "returns nothing" (201, no id; the same link made
// twice is answered as created: Jira's REST v3 reference, "Create issue link"), and its id is not
// read back: the sync finds its copy by type and other issue in the issue's `issuelinks` when it
// next reads the issue to apply a change (core/sync/incoming-relations.ts).
import { route } from '@forge/api';
import { z } from 'zod';
import type { LocalIssueId } from '../../core/ids';
import type { JiraClient } from './jira-client';
import { jsonBody } from './jira-http';

const linkTypesAnswer = z.looseObject({ issueLinkTypes: z.array(z.looseObject({ name: z.string() })).default([]) });

export class RelationsWriter {
  constructor(private readonly client: JiraClient) {}

  async setParent(id: LocalIssueId, parent: LocalIssueId | null): Promise<void> {
    await this.client.send(`set the parent of issue ${id}`, 'PUT', route`/rest/api/3/issue/${id}`, jsonBody({ fields: { parent: parent === null ? null : { id: parent } } }));
  }

  /** `source` is the issue the type's outward description applies to (Blocks: source blocks destination). */
  async addLink(link: { type: string; source: LocalIssueId; destination: LocalIssueId }): Promise<void> {
    const what = `link issue ${link.source} to ${link.destination} (${link.type})`;
    await this.client.send(what, 'POST', route`/rest/api/3/issueLink`, jsonBody({ type: { name: link.type }, inwardIssue: { id: link.source }, outwardIssue: { id: link.destination } }));
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
