// A small seeded random source, so a demo data set can be made again exactly.
export type Random = {
  /** uniform in [0, 1) */
  next(): number;
  chance(p: number): boolean;
  /** an index into weights, chosen in proportion to them */
  weighted(weights: readonly number[]): number;
  pick<T>(items: readonly T[]): T;
  normal(): number;
  int(min: number, max: number): number;
};

/** mulberry32: tiny, fast and good enough for synthetic data (not for secrets). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    chance: (p) => next() < p,
    weighted(weights) {
      const total = weights.reduce((a, w) => a + Math.max(0, w), 0);
      let x = next() * total;
      for (let i = 0; i < weights.length; i++) {
        x -= Math.max(0, weights[i] ?? 0);
        if (x < 0) return i;
      }
      return weights.length - 1;
    },
    pick: (items) => items[Math.floor(next() * items.length)]!,
    normal() {
      // Box-Muller
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
  return random;
}

export function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}
