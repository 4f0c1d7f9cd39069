// A readable diff between two rule versions: one line per changed setting, named the way the
// editor names it ("Priority › Direction: out → both"), so an admin can see what a rollback undoes.
import { fieldLabel } from '../../../shared/logic/format';
import { formatRulePath, type PathSegment } from './rule-paths';

export type DiffEntry = {
  path: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  before: string | null;
  after: string | null;
};

type Leaf = { segments: PathSegment[]; value: unknown };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Rule identity is not a setting: the same rule never changes connection or project. */
const IGNORED = new Set(['connectionId', 'projectKey']);

function leaves(value: unknown, segments: PathSegment[] = [], out: Leaf[] = []): Leaf[] {
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (segments.length === 0 && IGNORED.has(k)) continue;
      if (v === undefined) continue;
      leaves(v, [...segments, k], out);
    }
  } else if (segments.length > 0) {
    out.push({ segments, value });
  }
  return out;
}

const NONE = '(none)';

export function displayValue(v: unknown): string {
  if (v === null || v === undefined) return NONE;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? NONE : v.map(displayValue).join(', ');
  return JSON.stringify(v);
}

const WORDS: Record<string, string> = {
  fields: 'Field',
  direction: 'Direction',
  conflict: 'Conflict policy',
  partnerField: 'Partner field',
  outgoing: 'Outgoing',
  incoming: 'Incoming',
  userPrivacy: 'People privacy',
  comments: 'Comments',
  includeInternal: 'Internal comments',
  attachments: 'Attachments',
  enabled: 'Enabled',
  maxBytes: 'Size limit (bytes)',
  mimeTypes: 'File types',
  create: 'Create partner issues in',
  valueMaps: 'Value map',
  createMissing: 'Create missing values',
  users: 'People',
  matchByEmail: 'Match by email',
  map: 'Map',
  defaultAccountId: 'Default account',
  defaults: 'Defaults',
  asInternal: 'As internal',
  scope: 'Scope',
  issueTypes: 'Issue types',
  labels: 'Labels',
  statuses: 'Statuses',
  pilot: 'Pilot',
  issueKeys: 'Issue keys',
  manualStart: 'Manual start',
  jql: 'JQL',
  mode: 'Mode',
  kind: 'Kind',
  everyMinutes: 'Every (minutes)',
  projectKey: 'Project',
  issueType: 'Issue type',
};

export function labelOf(segments: readonly PathSegment[], catalog: ReadonlyArray<{ key: string; name: string }> = []): string {
  return segments
    .map((s, i) => {
      if (typeof s === 'number') return `#${s + 1}`;
      if (i === 1 && segments[0] === 'fields') return fieldLabel(s, catalog);
      if (i > 0 && (segments[i - 1] === 'valueMaps' || segments[i - 1] === 'defaults')) return fieldLabel(s, catalog);
      return WORDS[s] ?? `"${s}"`;
    })
    .join(' › ');
}

export function diffRules(before: unknown, after: unknown, catalog: ReadonlyArray<{ key: string; name: string }> = []): DiffEntry[] {
  const a = new Map(leaves(before).map((l) => [formatRulePath(l.segments), l]));
  const b = new Map(leaves(after).map((l) => [formatRulePath(l.segments), l]));
  const out: DiffEntry[] = [];
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const was = a.get(path);
    const now = b.get(path);
    const segments = (now ?? was)!.segments;
    const entry = { path, label: labelOf(segments, catalog) };
    // Appearing or vanishing as "nothing" (null, [], {}) is not a change an admin cares about.
    if ((!was && displayValue(now!.value) === NONE) || (!now && displayValue(was!.value) === NONE)) continue;
    if (!was) out.push({ ...entry, change: 'added', before: null, after: displayValue(now!.value) });
    else if (!now) out.push({ ...entry, change: 'removed', before: displayValue(was.value), after: null });
    else if (displayValue(was.value) !== displayValue(now.value)) out.push({ ...entry, change: 'changed', before: displayValue(was.value), after: displayValue(now.value) });
  }
  return out;
}

/** One line per entry, for screen readers and plain-text copies. */
export function diffLine(e: DiffEntry): string {
  if (e.change === 'added') return `${e.label}: set to ${e.after}`;
  if (e.change === 'removed') return `${e.label}: removed (was ${e.before})`;
  return `${e.label}: ${e.before} → ${e.after}`;
}
