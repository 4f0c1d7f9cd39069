// Work on several issues at once inside one invocation. Against a real Jira every REST call and
// storage operation waits on the network, so a page or a batch handled one issue after another
// spends most of its time waiting; a few at a time keeps well inside Jira's rate limits.

/** How many issues one invocation works on at once (REST and storage calls in flight ≈ this). */
export const ISSUE_CONCURRENCY = 4;

/**
 * `fn` over `items`, at most `limit` at a time, results in the items' order. Items with the same
 * key (the same pair) run one after another, in order, as a sequential loop would run them.
 * After a failure no further item starts; the first error is thrown once the running ones end.
 */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  keyOf: (item: T) => string | null = () => null,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const groups: number[][] = [];
  const byKey = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    const existing = key === null ? undefined : byKey.get(key);
    if (existing) return void existing.push(i);
    const group = [i];
    groups.push(group);
    if (key !== null) byKey.set(key, group);
  });
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < groups.length) {
      const group = groups[next++]!;
      for (const i of group) {
        if (failure) return;
        try {
          results[i] = await fn(items[i]!, i);
        } catch (error) {
          failure ??= { error };
          return;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, groups.length)) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
  return results;
}
