// What the rule editor's pickers offer and how their rows become the rule document again: value
// map rows, option lists that keep the rule's own values, sizes in MB, and whether the draft
// differs from the saved version.
import { emptyRule, type RuleDraft } from './rule-draft';

export type Option = { label: string; value: string };
export type MapRow = { from: string; to: string };

/**
 * The values to offer: the known ones first, then any the rule already holds that the list lacks
 * (a status renamed since, a value typed before the partner shared its list), so nothing the rule
 * holds disappears from its control. `open`: the list takes typed values, so none is marked.
 */
export function optionsOf(known: readonly string[], held: readonly string[] = [], open = false): Option[] {
  const seen = new Set<string>();
  const out: Option[] = [];
  for (const v of [...known, ...held]) {
    if (!v || seen.has(v)) continue;
    seen.add(v);
    // In a list that takes typed values (labels, MIME types) a value of its own is no surprise.
    out.push({ label: open || known.includes(v) ? v : `${v} (not in the list)`, value: v });
  }
  return out;
}

export const mapRows = (map: Record<string, string> | undefined): MapRow[] => Object.entries(map ?? {}).map(([from, to]) => ({ from, to }));

/**
 * Rows → the map the rule stores. A row with both sides empty is a row just added and ignored;
 * a half-filled row or a partner value mapped twice is a problem to show before saving.
 */
export function rowsToMap(rows: readonly MapRow[], sides: { from: string; to: string }): { map: Record<string, string>; problems: string[] } {
  // A Map, not an object: a partner value may be any text, "__proto__" included.
  const pairs = new Map<string, string>();
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const from = row.from.trim();
    const to = row.to.trim();
    if (!from && !to) return;
    if (!from) problems.push(`row ${i + 1}: pick the ${sides.from}`);
    else if (!to) problems.push(`row ${i + 1}: pick the ${sides.to} for "${from}"`);
    else if (pairs.has(from)) problems.push(`row ${i + 1}: "${from}" is mapped twice`);
    else pairs.set(from, to);
  });
  return { map: Object.fromEntries(pairs), problems };
}

const MIB = 1024 * 1024;

/** Bytes as the admin reads them: 10485760 → "10", 1572864 → "1.5". */
export const bytesToMb = (bytes: number): string => String(Math.round((bytes / MIB) * 100) / 100);

/** The MB an admin typed → bytes, or the reason it cannot be stored (the rule allows up to 100 MB). */
export function mbToBytes(text: string, maxMb = 100): { bytes: number } | { problem: string } {
  const mb = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(mb)) return { problem: 'enter a size in MB, like 10' };
  if (mb <= 0 || mb > maxMb) return { problem: `must be more than 0 and at most ${maxMb} MB` };
  return { bytes: Math.round(mb * MIB) };
}

/** Empty maps, lists and nulls say the same as an absent key (a map emptied again is no change). */
function pruned(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? value : undefined;
  if (value === null) return undefined;
  if (typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => [k, pruned(v)] as const)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/**
 * Whether saving the draft would change anything. The stored rule has every setting written out
 * (the backend fills defaults), so the draft starts equal to it and a box ticked and unticked
 * again is no change; for a rule not saved yet, anything set is a change.
 */
export function isDirty(saved: unknown, draft: RuleDraft): boolean {
  const base = saved ?? emptyRule(draft.connectionId, draft.projectKey);
  return JSON.stringify(pruned(base)) !== JSON.stringify(pruned(draft));
}
