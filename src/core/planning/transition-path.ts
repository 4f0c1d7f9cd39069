// Status changes go through workflow transitions, never a direct field write. The shortest path
// keeps the number of REST calls (and workflow side effects) minimal.
import type { Transition } from '../rules/metadata';

export function findTransitionPath(transitions: readonly Transition[], from: string, to: string): Transition[] | null {
  if (from === to) return [];
  const previous = new Map<string, { via: Transition; from: string }>();
  const queue: string[] = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const status = queue.shift()!;
    for (const t of transitions) {
      if (t.from.length > 0 && !t.from.includes(status)) continue;
      if (seen.has(t.to)) continue;
      seen.add(t.to);
      previous.set(t.to, { via: t, from: status });
      if (t.to === to) return unwind(previous, from, to);
      queue.push(t.to);
    }
  }
  return null;
}

function unwind(previous: Map<string, { via: Transition; from: string }>, from: string, to: string): Transition[] {
  const path: Transition[] = [];
  for (let at = to; at !== from; ) {
    const step = previous.get(at)!;
    path.unshift(step.via);
    at = step.from;
  }
  return path;
}
