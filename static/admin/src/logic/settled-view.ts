// Forge's storage queries are eventually consistent ("may return data that is slightly out of
// date"): a list read right after a change can still show the old state. The page keeps what it
// knows from the change's own answer until the list agrees, and reads the list again a few times.

/** Delays after an action at which the list is read again (bounded: the last one gives up). */
export const FOLLOW_UP_MS = [800, 2500, 6000] as const;

/** `rows` with the states the page knows better (from a change's answer) and the removed ones left out. */
export function withKnown<T extends { id: string; state: string }>(rows: readonly T[], known: ReadonlyMap<string, string>, removed: ReadonlySet<string>): T[] {
  return rows.filter((r) => !removed.has(r.id)).map((r) => (known.has(r.id) ? { ...r, state: known.get(r.id)! } : r));
}

/** The overrides the list now agrees with are dropped, so later changes from elsewhere show. */
export function stillNeeded(known: ReadonlyMap<string, string>, rows: ReadonlyArray<{ id: string; state: string }>): Map<string, string> {
  return new Map([...known].filter(([id, state]) => rows.find((r) => r.id === id)?.state !== state));
}
