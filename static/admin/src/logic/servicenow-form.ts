// The "Connect a ServiceNow instance" form without React: what the admin typed, checked the way
// the backend will check it (so mistakes show next to the field before any call), and the two
// answers read tolerantly.
import type { PayloadOf } from '../../../../src/shared/resolver-contract';

export type AuthKind = 'basic' | 'oauth';
export type ServiceNowDraft = {
  instanceUrl: string; table: string; authKind: AuthKind; username: string; password: string; clientId: string; clientSecret: string;
  /** What resolving or closing sends: one of the instance's Resolution codes (offered after a test), and a notes template. */
  resolutionCode: string; resolutionNotes: string;
};
export type DraftField = 'instanceUrl' | 'table' | 'username' | 'password' | 'clientId' | 'clientSecret' | 'resolutionNotes';
export type DraftProblems = Partial<Record<DraftField, string>>;
export type ServiceNowPayload = PayloadOf<'admin/connections/servicenow'>;

export const emptyDraft = (): ServiceNowDraft => ({ instanceUrl: '', table: 'incident', authKind: 'basic', username: '', password: '', clientId: '', clientSecret: '', resolutionCode: '', resolutionNotes: '' });

/** ServiceNow's data policy wants these on resolve and close; `{key}` becomes the Jira key. */
export const DEFAULT_RESOLUTION_NOTES = 'Resolved in Jira {key}';

const TABLE = /^[A-Za-z0-9_]{1,80}$/;

/** `acme` or `acme.service-now.com` or a pasted page link all mean the instance's origin. */
export function normaliseInstanceUrl(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : /^[A-Za-z0-9-]+$/.test(text) ? `https://${text}.service-now.com` : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || !url.hostname.includes('.') || url.username || url.password) return null;
  return url.origin;
}

/** The host an admin recognises (`acme.service-now.com`), or the text itself if it is no URL. */
export function instanceHost(endpoint: string): string {
  try {
    return new URL(endpoint).host || endpoint;
  } catch {
    return endpoint;
  }
}

function required(value: string, max: number, what: string): string | undefined {
  if (!value.trim()) return `Enter the ${what}.`;
  if (value.length > max) return `The ${what} is longer than ${max} characters.`;
  return undefined;
}

/** Problems per field, or the payload both resolvers take. Secrets are sent exactly as typed. */
export function checkDraft(d: ServiceNowDraft): { ok: true; payload: ServiceNowPayload } | { ok: false; problems: DraftProblems } {
  const problems: DraftProblems = {};
  const instanceUrl = normaliseInstanceUrl(d.instanceUrl);
  if (!d.instanceUrl.trim()) problems.instanceUrl = 'Enter the instance URL, such as https://acme.service-now.com.';
  else if (!instanceUrl) problems.instanceUrl = 'This is not an https address of a ServiceNow instance, such as https://acme.service-now.com.';
  else if (instanceUrl.length > 255) problems.instanceUrl = 'The instance URL is longer than 255 characters.';
  const table = d.table.trim();
  if (!TABLE.test(table)) problems.table = 'Use the table’s system name: letters, digits and _, such as incident.';
  if (d.authKind === 'basic') {
    problems.username = required(d.username, 255, 'integration user’s name');
    problems.password = required(d.password, 1024, 'password');
  } else {
    problems.clientId = required(d.clientId, 255, 'OAuth client id');
    problems.clientSecret = required(d.clientSecret, 1024, 'OAuth client secret');
  }
  if (d.resolutionNotes.length > 1000) problems.resolutionNotes = 'The resolution notes are longer than 1,000 characters.';
  for (const k of Object.keys(problems) as DraftField[]) if (problems[k] === undefined) delete problems[k];
  if (Object.keys(problems).length > 0 || !instanceUrl) return { ok: false, problems };
  const auth = d.authKind === 'basic' ? { kind: 'basic' as const, username: d.username.trim(), password: d.password } : { kind: 'oauth' as const, clientId: d.clientId.trim(), clientSecret: d.clientSecret };
  const code = d.resolutionCode.trim();
  const notes = d.resolutionNotes.trim();
  const resolution = code || notes ? { resolution: { ...(code ? { code } : {}), ...(notes ? { notes } : {}) } } : {};
  return { ok: true, payload: { instanceUrl, table, auth, ...resolution } };
}

/** Backend `invalid-payload` details (`auth.password`, `instanceUrl`) mapped onto form fields. */
export function problemsFromDetails(details: ReadonlyArray<{ path: string; message: string }> | undefined): DraftProblems {
  const out: DraftProblems = {};
  for (const { path, message } of details ?? []) {
    const field = (path === 'resolution.notes' ? 'resolutionNotes' : path.replace(/^auth\./, '')) as DraftField;
    if (['instanceUrl', 'table', 'username', 'password', 'clientId', 'clientSecret', 'resolutionNotes'].includes(field) && !out[field]) out[field] = message;
  }
  return out;
}

export type Choice = { value: string; label: string };
export type Diagnosis = { ok: true; resolutionCodes: Choice[] } | { ok: false; problem: string; message: string };

const PROBLEM_TITLE: Record<string, string> = {
  'bad-credentials': 'ServiceNow did not accept the credentials',
  'missing-role': 'The integration user lacks a role',
  'unknown-table': 'The table was not found',
  unreachable: 'The instance could not be reached',
  'journal-unreadable': 'The integration user cannot read comments and work notes',
};

export function diagnosisFrom(data: unknown): Diagnosis | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as { ok?: unknown; problem?: unknown; message?: unknown };
  if (d.ok === true) {
    const codes = (data as { resolutionCodes?: unknown }).resolutionCodes;
    const resolutionCodes = Array.isArray(codes) ? codes.filter((c): c is Choice => typeof c?.value === 'string' && typeof c?.label === 'string') : [];
    return { ok: true, resolutionCodes };
  }
  if (d.ok !== false || typeof d.message !== 'string') return null;
  return { ok: false, problem: typeof d.problem === 'string' ? d.problem : 'unknown', message: d.message };
}

/** Title for the section message of a failed test. */
export const diagnosisTitle = (d: Diagnosis): string => (d.ok ? 'The connection works' : (PROBLEM_TITLE[d.problem] ?? 'The connection does not work yet'));

export type Notice = { connectionId: string | null; url: string; secret: string };

export function noticeFrom(data: unknown): Notice | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as { connectionId?: unknown; notice?: { url?: unknown; secret?: unknown } | null };
  const url = d.notice?.url;
  const secret = d.notice?.secret;
  if (typeof url !== 'string' || !url || typeof secret !== 'string' || !secret) return null;
  return { connectionId: typeof d.connectionId === 'string' ? d.connectionId : null, url, secret };
}
