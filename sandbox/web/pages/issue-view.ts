import { html, type Raw } from '../html';
import { FORGE_IFRAME_SANDBOX, withAs } from './layout';

export interface IssueViewInput {
  site: string;
  accountId: string;
  key: string;
  summary: string;
  description: string;
  status: string;
  priority: string;
  priorities: string[];
  labels: string[];
  transitions: Array<{ id: string; name: string }>;
  comments: Array<{ author: string; created: string; text: string; internal: boolean }>;
  notice: string | null;
  /** The issue panel iframe (absent when the app has no jira:issuePanel module). */
  panel: { src: string; title: string } | null;
}

export function issueViewBody(v: IssueViewInput): Raw {
  const action = (what: string) => withAs(`/${v.site}/browse/${v.key}/${what}`, v.accountId);
  return html`${v.notice ? html`<p class="notice" role="alert">${v.notice}</p>` : ''}
  <div class="issue">
    <div>
      <section class="box" aria-labelledby="details-h">
        <h2 id="details-h">Details</h2>
        <p>Status: <strong id="issue-status">${v.status}</strong></p>
        <form method="post" action="${action('edit')}">
          <label for="summary">Summary</label>
          <input type="text" id="summary" name="summary" value="${v.summary}" required>
          <label for="description">Description</label>
          <textarea id="description" name="description" rows="5">${v.description}</textarea>
          <label for="priority">Priority</label>
          <select id="priority" name="priority">
            ${v.priorities.map((p) => html`<option ${p === v.priority ? 'selected' : ''}>${p}</option>`)}
          </select>
          <label for="labels">Labels (comma separated)</label>
          <input type="text" id="labels" name="labels" value="${v.labels.join(', ')}">
          <button type="submit">Save changes</button>
        </form>
      </section>
      <section class="box" aria-labelledby="status-h">
        <h2 id="status-h">Status</h2>
        <form method="post" action="${action('transition')}">
          <label for="transition">Move to</label>
          <select id="transition" name="transition">
            ${v.transitions.map((t) => html`<option value="${t.id}">${t.name}</option>`)}
          </select>
          <button type="submit">Change status</button>
        </form>
      </section>
      <section class="box" aria-labelledby="comments-h">
        <h2 id="comments-h">Comments</h2>
        ${v.comments.map(
          (c) => html`<div class="comment"><div class="muted">${c.author} · ${c.created}${c.internal ? ' · internal note' : ''}</div><div>${c.text}</div></div>`,
        )}
        <form method="post" action="${action('comment')}">
          <label for="comment">Add a comment</label>
          <textarea id="comment" name="comment" rows="3" required></textarea>
          <button type="submit">Add comment</button>
        </form>
      </section>
    </div>
    <aside aria-label="Apps">
      ${v.panel ? html`<iframe class="panel" title="${v.panel.title}" src="${v.panel.src}" sandbox="${FORGE_IFRAME_SANDBOX}"></iframe>` : html`<p class="muted">No issue panel app installed.</p>`}
    </aside>
  </div>`;
}
