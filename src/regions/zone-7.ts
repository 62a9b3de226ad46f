/**
 * The region of a +7 national number. Russia and Kazakhstan share the code: Kazakhstan holds the
 * ranges starting with 6 (reserved for it) and 7, every other range is Russia's. Abkhazia and South
 * Ossetia, which also use Russian ranges (840, 940, 929 blocks), read as Russia: they have no
 * region of their own in ISO 3166-1 and splitting them out would need per-block data.
 */
export const zone7RegionOf = (national: string): string | undefined => {
  const first = national.charAt(0);
  if (first === '') {
    return undefined;
  }
  return first === '6' || first === '7' ? 'KZ' : 'RU';
};
