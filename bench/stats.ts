/** Median of a non-empty sample; the bench reports medians because loopback has rare stalls. */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]!
    : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The value below which `fraction` of the sample lies (nearest rank). */
export const percentile = (values: readonly number[], fraction: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
};

/** Milliseconds since an origin taken with `performance.now()`. */
export const since = (start: number): number => performance.now() - start;
