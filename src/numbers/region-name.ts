/**
 * Tencent Cloud's own names for the four regions its SMS product treats apart; matching them lets an
 * admin find the same words in Tencent's console and price lists.
 */
const tencentNames: Readonly<Record<string, string>> = {
  CN: 'Chinese mainland',
  HK: 'Hong Kong (China)',
  MO: 'Macao (China)',
  TW: 'Taiwan (China)',
};

let displayNames: Intl.DisplayNames | undefined;

/**
 * The English name of an ISO 3166-1 alpha-2 region, from the runtime's CLDR data
 * (`Intl.DisplayNames`), so no name table needs upkeep. Falls back to the code itself when the
 * runtime has no name for it.
 */
export const regionName = (region: string): string => {
  const tencentName = tencentNames[region];
  if (tencentName) {
    return tencentName;
  }
  try {
    displayNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    return displayNames.of(region) ?? region;
  } catch {
    return region;
  }
};
