import { html, type Raw } from '../html';
import { FORGE_IFRAME_SANDBOX } from './layout';

/** A full-width Custom UI page (admin page, project settings page). */
export function modulePageBody(frame: { src: string; title: string } | null, missing: string): Raw {
  if (!frame) return html`<p class="notice" role="alert">${missing}</p>`;
  return html`<iframe class="page" title="${frame.title}" src="${frame.src}" sandbox="${FORGE_IFRAME_SANDBOX}"></iframe>`;
}
