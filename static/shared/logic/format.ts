// Times, durations and rates in the words an agent or admin reads at a glance.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2025-03-04 09:05 UTC`: one unambiguous form for every reader, whatever their time zone. */
export function formatDateTime(at: number): string {
  const d = new Date(at);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** `just now`, `5 min ago`, `3 h ago`, `2 days ago`, then the date; `never` for null. */
export function formatWhen(at: number | null | undefined, now: number): string {
  if (at === null || at === undefined) return 'never';
  const ago = now - at;
  if (ago < 0) return `in ${formatDuration(-ago)}`;
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  if (ago < 7 * DAY) {
    const days = Math.floor(ago / DAY);
    return `${days} day${days === 1 ? '' : 's'} ago`;
  }
  return formatDateTime(at);
}

/** `—` when unknown, `420 ms`, `1.2 s`, `3.5 min`, `2.0 h`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < HOUR) return `${(ms / MINUTE).toFixed(1)} min`;
  return `${(ms / HOUR).toFixed(1)} h`;
}

/** A 0..1 rate as a percentage with one decimal (`0.4 %`), `—` when not a number. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const pct = rate * 100;
  return `${pct >= 10 || pct === 0 ? Math.round(pct) : pct.toFixed(1)} %`;
}

const FIELD_NAMES: Record<string, string> = {
  summary: 'Summary',
  description: 'Description',
  issuetype: 'Issue type',
  priority: 'Priority',
  status: 'Status',
  labels: 'Labels',
  duedate: 'Due date',
  assignee: 'Assignee',
  reporter: 'Reporter',
  comments: 'Comments',
  // The panel's shared-field list names outgoing comments this way.
  'comments (public)': 'Public comments',
  attachments: 'Attachments',
};

/** A field key as people say it; a catalog (from the rule view) wins for custom fields. */
export function fieldLabel(key: string, catalog: ReadonlyArray<{ key: string; name: string }> = []): string {
  // Errors the partner reported back name its field as `partner:<key>`; say so in words.
  if (key.startsWith('partner:')) return `${fieldLabel(key.slice('partner:'.length), catalog)} (partner's side)`;
  const known = catalog.find((f) => f.key === key);
  if (known) return known.name;
  if (FIELD_NAMES[key]) return FIELD_NAMES[key];
  if (key.startsWith('custom:')) return `Custom field ${key.slice('custom:'.length)}`;
  return key;
}
