/** Values JSON text represents faithfully: nothing it drops, rounds or reaches through toJSON. */
const isPlainJson = (value: unknown, depth: number): boolean => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return true;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value);
  }
  if (typeof value !== 'object' || depth > 8) {
    return false;
  }
  if (Array.isArray(value)) {
    return value.every((item) => isPlainJson(item, depth + 1));
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return (
    (prototype === Object.prototype || prototype === null) &&
    Object.values(value).every((item) => isPlainJson(item, depth + 1))
  );
};

/**
 * A text that stands for a config exactly: two configs with the same key are the same data, so
 * they validate alike. Undefined for anything JSON would change (functions, undefined, NaN, Dates,
 * class instances, inherited fields) — such a config is simply validated again.
 */
export const configKey = (config: unknown): string | undefined =>
  isPlainJson(config, 0) ? JSON.stringify(config) : undefined;
