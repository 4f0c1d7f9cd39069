// A remote link to the partner issue, so Jira's own issue view shows the mirror. Upserted by
// globalId: POST /remotelink with a known globalId updates that link instead of adding another.
import { route } from '@forge/api';
import type { LocalIssueId, PairId } from '../../core/ids';
import type { JiraClient } from './jira-client';
import { jsonBody } from './jira-http';
import { remoteLinkCreatedSchema } from './jira-schemas';

export type PartnerLink = {
  pairId: PairId;
  /** Where the partner issue opens in a browser. */
  url: string;
  /** Usually the partner's issue key, e.g. "GLX-12". */
  title: string;
  summary?: string;
  /** Shown struck through in Jira when the partner issue is resolved. */
  resolved?: boolean;
};

/**
 * The page a person opens for an issue, from the REST `self` of its bean
 * (https://x.atlassian.net/rest/api/3/issue/10001 → https://x.atlassian.net/browse/KEY-1).
 */
export function browseUrl(self: string | undefined, key: string): string | undefined {
  if (!self) return undefined;
  try {
    const url = new URL(self);
    return url.protocol === 'https:' ? `${url.origin}/browse/${encodeURIComponent(key)}` : undefined;
  } catch {
    return undefined;
  }
}

export const remoteLinkGlobalId = (pairId: PairId): string => `liaison:pair:${pairId}`;

export async function upsertRemoteLink(client: JiraClient, issueId: LocalIssueId, link: PartnerLink): Promise<number> {
  const body = {
    globalId: remoteLinkGlobalId(link.pairId),
    application: { type: 'com.liaison.sync', name: 'Liaison' },
    relationship: 'mirrored by',
    object: {
      url: link.url,
      title: link.title,
      ...(link.summary ? { summary: link.summary } : {}),
      ...(link.resolved !== undefined ? { status: { resolved: link.resolved } } : {}),
    },
  };
  const created = await client.json(`link issue ${issueId} to ${link.title}`, remoteLinkCreatedSchema, 'POST', route`/rest/api/3/issue/${issueId}/remotelink`, jsonBody(body));
  return created.id;
}
