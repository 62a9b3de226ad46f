/**
 * Country calling code → ISO 3166 alpha-2, enough to fill `IsoCode` for the destinations people
 * test with. Shared codes (+1, +7) report the largest country, since telling them apart needs
 * area-code tables the emulator has no use for.
 */
const callingCodes: Readonly<Record<string, string>> = {
  '1': 'US',
  '7': 'RU',
  '20': 'EG',
  '27': 'ZA',
  '30': 'GR',
  '31': 'NL',
  '32': 'BE',
  '33': 'FR',
  '34': 'ES',
  '36': 'HU',
  '39': 'IT',
  '40': 'RO',
  '41': 'CH',
  '43': 'AT',
  '44': 'GB',
  '45': 'DK',
  '46': 'SE',
  '47': 'NO',
  '48': 'PL',
  '49': 'DE',
  '51': 'PE',
  '52': 'MX',
  '54': 'AR',
  '55': 'BR',
  '56': 'CL',
  '57': 'CO',
  '60': 'MY',
  '61': 'AU',
  '62': 'ID',
  '63': 'PH',
  '64': 'NZ',
  '65': 'SG',
  '66': 'TH',
  '81': 'JP',
  '82': 'KR',
  '84': 'VN',
  '86': 'CN',
  '90': 'TR',
  '91': 'IN',
  '92': 'PK',
  '94': 'LK',
  '95': 'MM',
  '212': 'MA',
  '234': 'NG',
  '254': 'KE',
  '351': 'PT',
  '353': 'IE',
  '358': 'FI',
  '380': 'UA',
  '420': 'CZ',
  '852': 'HK',
  '853': 'MO',
  '855': 'KH',
  '856': 'LA',
  '880': 'BD',
  '886': 'TW',
  '960': 'MV',
  '966': 'SA',
  '971': 'AE',
  '972': 'IL',
  '974': 'QA',
  '977': 'NP',
};

/** The ISO country of an E.164 digit string (no `+`), or undefined when the code is unknown. */
export const isoCodeOf = (digits: string): string | undefined => {
  for (const length of [3, 2, 1]) {
    const iso = callingCodes[digits.slice(0, length)];
    if (iso) {
      return iso;
    }
  }
  return undefined;
};
