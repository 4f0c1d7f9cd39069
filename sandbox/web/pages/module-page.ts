import { html, type Raw } from '../html';

/** A full-width Custom UI page (admin page, project settings page). */
export function modulePageBody(frame: { src: string; title: string } | null, missing: string): Raw {
  if (!frame) return html`<p class="notice" role="alert">${missing}</p>`;
  return html`<iframe class="page" title="${frame.title}" src="${frame.src}"></iframe>`;
}
