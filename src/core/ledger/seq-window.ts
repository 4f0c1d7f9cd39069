// Which incoming sequence numbers are applied: a contiguous prefix plus the few above it that
// arrived early. Exact, so a duplicate is recognised even when it arrives after a later message.
export type SeqWindow = { upTo: number; above: number[] };

export const emptyWindow = (): SeqWindow => ({ upTo: 0, above: [] });

export const hasApplied = (w: SeqWindow, seq: number): boolean => seq <= w.upTo || w.above.includes(seq);

export function markApplied(w: SeqWindow, seq: number): SeqWindow {
  if (hasApplied(w, seq)) return w;
  const above = [...w.above, seq].sort((a, b) => a - b);
  let upTo = w.upTo;
  while (above.length > 0 && above[0] === upTo + 1) {
    upTo += 1;
    above.shift();
  }
  return { upTo, above };
}
