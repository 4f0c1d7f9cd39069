// One seeded generator for every random choice the sandbox makes (fault windows, trigger delays,
// storage index lag) and for seeded tests: mulberry32, small and the same sequence on every machine.

/** A uniform draw in [0, 1) per call; the same seed draws the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
