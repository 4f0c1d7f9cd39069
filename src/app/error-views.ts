// Error records → the error views both UIs show, with their wording (error-wording.ts) and the
// party who can fix them, taken from the connection: the partner's name and contacts as the
// partner told them (its profile), else the contacts this site's admin entered.
import type { Connection, Contact } from '../core/connection';
import type { SyncErrorView } from '../shared/resolver-contract';
import { wordError, type ErrorParty } from './error-wording';

type WithProfile = { partnerProfile?: { name?: string | null; contacts?: Contact[] } };

/** `initech` for `https://initech.service-now.com`, else the host. */
function instanceName(endpoint: string | null): string | null {
  if (!endpoint) return null;
  try {
    const host = new URL(endpoint).hostname;
    return host.endsWith('.service-now.com') ? host.slice(0, -'.service-now.com'.length) : host;
  } catch {
    return null;
  }
}

export function errorParty(c: Connection | null): ErrorParty {
  if (!c) return { name: null, kind: 'jira', contacts: [] };
  const profile = (c as Connection & WithProfile).partnerProfile;
  const contacts = profile?.contacts?.length ? profile.contacts : c.contacts.partner;
  const name = c.partnerKind === 'servicenow' ? instanceName(c.partnerEndpoint) : (profile?.name ?? null);
  return { name, kind: c.partnerKind, contacts };
}

/** The view with its wording; the view's own `retryable` follows the wording (Retry only where it helps). */
export function withWording(view: SyncErrorView, party: ErrorParty): SyncErrorView {
  const wording = wordError(view, party, view.fieldName);
  return { ...view, retryable: wording.retryable, wording };
}
