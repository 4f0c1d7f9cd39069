// Mirrored comments: the app posts them, so the partner's author is named in a first line and kept
// in a comment property (an edit re-reads it to keep that line), and the mirror token in another
// (a retried add after a crash finds the first one instead of posting it twice). Internal ones carry Jira Service
// Management's `sd.public.comment` property, which is what makes a comment agent-only.
import { route } from '@forge/api';
import { z } from 'zod';
import type { LocalIssueId } from '../../core/ids';
import type { NewComment } from '../../core/ports/tracker';
import type { RichDoc } from '../../core/richtext/model';
import { richToAdf } from './adf/rich-to-adf';
import { parseAnswer, type JiraClient } from './jira-client';
import { JiraApiError } from './jira-errors';
import { jsonBody } from './jira-http';
import { commentSchema } from './jira-schemas';

export const SD_PUBLIC_COMMENT = 'sd.public.comment';
export const AUTHOR_PROPERTY = 'liaisonAuthor';
/** Which pair and partner comment a mirrored comment copies (its token): a retried add finds it. */
export const MIRROR_PROPERTY = 'liaisonMirror';
const COMMENT_LIST_MAX = 1000;
const commentListSchema = z.looseObject({ values: z.array(commentSchema) });

/** The mirrored body: who wrote it on the partner side, then what they wrote. */
export function attributed(body: RichDoc, author: string): RichDoc {
  if (!author) return body;
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `${author} wrote:`, marks: [{ type: 'em' }] }] }, ...body.content] };
}

export class CommentWriter {
  constructor(private readonly client: JiraClient) {}

  async add(issueId: LocalIssueId, comment: NewComment): Promise<string> {
    const properties: { key: string; value: unknown }[] = [{ key: AUTHOR_PROPERTY, value: { displayName: comment.author.displayName } }];
    if (comment.internal) properties.push({ key: SD_PUBLIC_COMMENT, value: { internal: true } });
    // In the same POST, so a comment never exists without its token.
    if (comment.mirrorOf) properties.push({ key: MIRROR_PROPERTY, value: { token: comment.mirrorOf } });
    const body = { body: richToAdf(attributed(comment.body, comment.author.displayName)), properties };
    const created = await this.client.json(`comment on issue ${issueId}`, commentSchema, 'POST', route`/rest/api/3/issue/${issueId}/comment`, jsonBody(body));
    return created.id;
  }

  /**
   * The comment an earlier add with this token left, among the candidates: one POST
   * /rest/api/3/comment/list with expand=properties (the documented way to read comment
   * properties in bulk, at most 1000 ids; the newest are where a crashed add landed).
   */
  async findMirrored(issueId: LocalIssueId, token: string, candidates: readonly string[]): Promise<string | null> {
    const ids = candidates.filter((id) => /^\d+$/.test(id)).slice(-COMMENT_LIST_MAX).map(Number);
    if (ids.length === 0) return null;
    const page = await this.client.json(`look for mirrored comment ${token} on issue ${issueId}`, commentListSchema, 'POST', route`/rest/api/3/comment/list?expand=properties`, jsonBody({ ids }));
    const hit = page.values.find((c) => c.properties?.some((p) => p.key === MIRROR_PROPERTY && (p.value as { token?: unknown } | null)?.token === token));
    return hit?.id ?? null;
  }

  async update(issueId: LocalIssueId, commentId: string, body: RichDoc): Promise<void> {
    const what = `edit comment ${commentId} of issue ${issueId}`;
    const res = await this.client.sendOrNull(what, 'GET', route`/rest/api/3/issue/${issueId}/comment/${commentId}?expand=properties`);
    if (!res) throw new JiraApiError(`${what}: the comment no longer exists`, false, 404, 'comments');
    const current = parseAnswer(what, commentSchema, res);
    const author = current.properties?.find((p) => p.key === AUTHOR_PROPERTY)?.value as { displayName?: unknown } | undefined;
    const name = typeof author?.displayName === 'string' ? author.displayName : '';
    await this.client.send(what, 'PUT', route`/rest/api/3/issue/${issueId}/comment/${commentId}`, jsonBody({ body: richToAdf(attributed(body, name)) }));
  }

  async remove(issueId: LocalIssueId, commentId: string): Promise<void> {
    // Already gone is what we wanted: deletes stay idempotent.
    await this.client.sendOrNull(`delete comment ${commentId} of issue ${issueId}`, 'DELETE', route`/rest/api/3/issue/${issueId}/comment/${commentId}`);
  }
}
