// A seeded generator (mulberry32) so data splits, shuffles and initial weights are reproducible.
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

/** Fisher–Yates in place with the given generator. */
export function shuffleInPlace<T>(xs: T[], rnd: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/**
 * Splits items by class so each part keeps the class ratio: `shares` (e.g. [0.7, 0.1, 0.2]) of each
 * class, in order, after a seeded shuffle.
 */
export function stratifiedSplit<T>(
  items: readonly T[],
  classOf: (t: T) => number,
  shares: readonly number[],
  seed: number,
): T[][] {
  const rnd = seededRandom(seed);
  const byClass = new Map<number, T[]>();
  for (const it of items) {
    const c = classOf(it);
    if (!byClass.has(c)) byClass.set(c, []);
    byClass.get(c)!.push(it);
  }
  const parts: T[][] = shares.map(() => []);
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const xs = shuffleInPlace([...byClass.get(c)!], rnd);
    let start = 0;
    shares.forEach((s, k) => {
      const end = k === shares.length - 1 ? xs.length : start + Math.round(s * xs.length);
      parts[k]!.push(...xs.slice(start, end));
      start = end;
    });
  }
  return parts;
}
