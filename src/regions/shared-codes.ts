/**
 * National-number prefixes that move a number from its code's principal region (calling-codes.ts)
 * to another region sharing the code. Only splits that the numbering plan makes public and that
 * change rarely are listed: geographic area codes, and mobile ranges held whole by one territory's
 * operators. Where a territory's numbers are interleaved with the principal region's block by
 * block (Saint Barthélemy and Saint Martin in +590, Australian Antarctic bases in +672, mobile
 * numbers of Christmas Island, Cocos and Åland), the number reads as the principal region.
 */
const sharedCodePrefixes: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // Crown Dependencies inside the UK plan.
  '44': {
    '1481': 'GG',
    '7781': 'GG',
    '7839': 'GG',
    '79111': 'GG',
    '79117': 'GG',
    '1534': 'JE',
    '7509': 'JE',
    '77003': 'JE',
    '77007': 'JE',
    '77008': 'JE',
    '7797': 'JE',
    '7829': 'JE',
    '7937': 'JE',
    '1624': 'IM',
    '74576': 'IM',
    '7524': 'IM',
    '7624': 'IM',
    '7924': 'IM',
  },
  // Mayotte inside the Réunion plan: fixed 269 and 2689, mobile 639 and 7093.
  '262': { '269': 'YT', '2689': 'YT', '639': 'YT', '7093': 'YT' },
  // Bonaire, Sint Eustatius and Saba (3, 4, 7) beside Curaçao (9).
  '599': { '3': 'BQ', '4': 'BQ', '7': 'BQ' },
  // Svalbard's fixed lines inside the Norwegian plan.
  '47': { '79': 'SJ' },
  // Christmas Island and the Cocos (Keeling) Islands' fixed lines inside the Australian plan.
  '61': { '89164': 'CX', '89162': 'CC' },
  // Åland's fixed lines inside the Finnish plan.
  '358': { '18': 'AX' },
  // Vatican City's exchange inside the Rome district.
  '39': { '06698': 'VA' },
};

/** The longest listed prefix is at most five digits. */
const longestPrefix = 5;

/**
 * The region a listed prefix gives a national number under a shared calling code, or undefined
 * when no prefix matches (the number then belongs to the code's principal region).
 */
export const sharedCodeRegionOf = (code: string, national: string): string | undefined => {
  const prefixes = Object.hasOwn(sharedCodePrefixes, code) ? sharedCodePrefixes[code] : undefined;
  if (!prefixes) {
    return undefined;
  }
  for (let length = Math.min(longestPrefix, national.length); length > 0; length--) {
    const prefix = national.slice(0, length);
    if (Object.hasOwn(prefixes, prefix)) {
      return prefixes[prefix];
    }
  }
  return undefined;
};
