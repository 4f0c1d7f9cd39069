import { html } from '../html';
import { withAs } from './layout';

export interface IssueRow { key: string; summary: string; status: string; priority: string; updated: string }

export function issueListBody(site: string, accountId: string, rows: IssueRow[]) {
  if (rows.length === 0) return html`<p>No issues you can see.</p>`;
  return html`<table>
    <caption class="muted">Issues in ${site}, newest first</caption>
    <thead><tr><th scope="col">Key</th><th scope="col">Summary</th><th scope="col">Status</th><th scope="col">Priority</th><th scope="col">Updated</th></tr></thead>
    <tbody>
      ${rows.map(
        (r) => html`<tr>
        <td><a href="${withAs(`/${site}/browse/${r.key}`, accountId)}">${r.key}</a></td>
        <td>${r.summary}</td><td>${r.status}</td><td>${r.priority}</td><td>${r.updated}</td>
      </tr>`,
      )}
    </tbody>
  </table>`;
}
