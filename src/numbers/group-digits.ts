/**
 * Splits a national number into groups a person can read back: threes, ending in one or two fours
 * so that no group is shorter than three. This gives the usual shapes without per-country rules:
 * 3-3-4 for NANP numbers, 3-4-4 for Chinese mainland mobiles, 4-4 for Hong Kong and Macao.
 */
export const groupDigits = (digits: string): string => {
  const length = digits.length;
  if (length <= 5) {
    return digits;
  }
  const fours = length % 3 === 0 ? 0 : length % 3 === 1 ? 1 : 2;
  const threes = (length - fours * 4) / 3;
  const sizes = [...Array.from({ length: threes }, () => 3), ...Array.from({ length: fours }, () => 4)];
  const groups: string[] = [];
  let start = 0;
  for (const size of sizes) {
    groups.push(digits.slice(start, start + size));
    start += size;
  }
  return groups.join(' ');
};
