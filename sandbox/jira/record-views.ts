// Jira's JSON for records that hang off an issue: comments, changelog entries, attachments, remote links.
import { adfToHtml } from './adf';
import type { SiteContext } from './context';
import { jiraTimestamp } from './time';
import type { AttachmentRecord, ChangelogRecord, CommentRecord, RemoteLinkRecord, UserRecord } from './types';
import { userDetails, userFull, userRef } from './views';

/** Jira Service Management's comment property: `{ internal: true }` marks a comment agents-only. */
export const SD_PUBLIC_COMMENT = 'sd.public.comment';

export function isInternal(site: SiteContext, commentId: string): boolean {
  const value = site.store.property('comment', commentId, SD_PUBLIC_COMMENT) as { internal?: unknown } | undefined;
  return value?.internal === true;
}

/** Group-restricted comments are hidden from non-members; role restrictions are not modelled (all see them). */
export function canSeeComment(user: UserRecord, c: CommentRecord): boolean {
  if (!c.visibility || c.visibility.type === 'role') return true;
  return c.authorId === user.accountId || user.groups.includes(c.visibility.value) || user.groups.includes('site-admins');
}

export function commentView(
  site: SiteContext,
  c: CommentRecord,
  opts: { rendered?: boolean; properties?: boolean } = {},
): Record<string, unknown> {
  return {
    self: `${site.siteUrl}/rest/api/3/issue/${c.issueId}/comment/${c.id}`,
    id: c.id,
    author: userRef(site, c.authorId),
    body: c.body,
    ...(opts.rendered ? { renderedBody: adfToHtml(c.body) } : {}),
    updateAuthor: userRef(site, c.updateAuthorId),
    created: jiraTimestamp(c.created),
    updated: jiraTimestamp(c.updated),
    ...(c.visibility ? { visibility: { type: c.visibility.type, value: c.visibility.value, identifier: c.visibility.value } } : {}),
    jsdPublic: !isInternal(site, c.id),
    ...(opts.properties ? { properties: site.store.properties('comment', c.id) } : {}),
  };
}

export function changelogView(site: SiteContext, h: ChangelogRecord): Record<string, unknown> {
  return {
    id: h.id,
    author: userRef(site, h.authorId),
    created: jiraTimestamp(h.created),
    items: h.items.map((i) => ({ ...i })),
  };
}

/** Attachment as listed on an issue and returned by the upload endpoint (string id). */
export function attachmentView(site: SiteContext, a: AttachmentRecord): Record<string, unknown> {
  const author = site.store.user(a.authorId);
  return {
    self: `${site.siteUrl}/rest/api/3/attachment/${a.id}`,
    id: a.id,
    filename: a.filename,
    ...(author ? { author: userDetails(site, author) } : {}),
    created: jiraTimestamp(a.created),
    size: a.size,
    mimeType: a.mimeType,
    content: `${site.siteUrl}/rest/api/3/attachment/content/${a.id}`,
  };
}

/** AttachmentMetadata of GET /attachment/{id}: the spec types this id as an integer and the author as a User. */
export function attachmentMetadataView(site: SiteContext, a: AttachmentRecord): Record<string, unknown> {
  const author = site.store.user(a.authorId);
  return {
    ...attachmentView(site, a),
    id: Number(a.id),
    ...(author ? { author: userFull(site, author) } : {}),
    properties: {},
  };
}

export function remoteLinkView(site: SiteContext, issueKey: string, r: RemoteLinkRecord): Record<string, unknown> {
  return {
    id: r.id,
    self: `${site.siteUrl}/rest/api/3/issue/${issueKey}/remotelink/${r.id}`,
    ...(r.globalId !== null ? { globalId: r.globalId } : {}),
    ...(r.link.application !== undefined ? { application: r.link.application } : {}),
    ...(r.link.relationship !== undefined ? { relationship: r.link.relationship } : {}),
    object: r.link.object,
  };
}
