/** Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator): the same seed, the same sequence. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
