/**
 * Country calling code → principal ISO 3166-1 alpha-2 region, for every ITU-T E.164 country code
 * assigned to a geographic area. Where a code serves several regions, this is the region that holds
 * most of its numbers; `region-of.ts` then looks deeper into the number where the split is public
 * and stable (`+1`, `+7`, `+44`, `+262`, …). Spare codes, codes only reserved (+379 Vatican, +997
 * Kazakhstan) and non-geographic ones (+800, +808, +870, +878, +881, +882, +883, +888, +979, +991)
 * are left out: a number using them has no region. E.164 codes are prefix-free, so at most one entry
 * matches a number.
 */
const callingCodes: Readonly<Record<string, string>> = {
  // Zone 1: North American Numbering Plan.
  '1': 'US', // resolved by area code in nanp.ts

  // Zone 2: Africa and a few Atlantic / Arctic territories.
  '20': 'EG',
  '211': 'SS',
  '212': 'MA', // also Western Sahara
  '213': 'DZ',
  '216': 'TN',
  '218': 'LY',
  '220': 'GM',
  '221': 'SN',
  '222': 'MR',
  '223': 'ML',
  '224': 'GN',
  '225': 'CI',
  '226': 'BF',
  '227': 'NE',
  '228': 'TG',
  '229': 'BJ',
  '230': 'MU',
  '231': 'LR',
  '232': 'SL',
  '233': 'GH',
  '234': 'NG',
  '235': 'TD',
  '236': 'CF',
  '237': 'CM',
  '238': 'CV',
  '239': 'ST',
  '240': 'GQ',
  '241': 'GA',
  '242': 'CG',
  '243': 'CD',
  '244': 'AO',
  '245': 'GW',
  '246': 'IO', // Diego Garcia
  '247': 'SH', // Ascension Island, part of SH in ISO 3166-1
  '248': 'SC',
  '249': 'SD',
  '250': 'RW',
  '251': 'ET',
  '252': 'SO',
  '253': 'DJ',
  '254': 'KE',
  '255': 'TZ',
  '256': 'UG',
  '257': 'BI',
  '258': 'MZ',
  '260': 'ZM',
  '261': 'MG',
  '262': 'RE', // also Mayotte
  '263': 'ZW',
  '264': 'NA',
  '265': 'MW',
  '266': 'LS',
  '267': 'BW',
  '268': 'SZ',
  '269': 'KM',
  '27': 'ZA',
  '290': 'SH', // also Tristan da Cunha
  '291': 'ER',
  '297': 'AW',
  '298': 'FO',
  '299': 'GL',

  // Zones 3 and 4: Europe.
  '30': 'GR',
  '31': 'NL',
  '32': 'BE',
  '33': 'FR',
  '34': 'ES',
  '350': 'GI',
  '351': 'PT',
  '352': 'LU',
  '353': 'IE',
  '354': 'IS',
  '355': 'AL',
  '356': 'MT',
  '357': 'CY',
  '358': 'FI', // also Åland
  '359': 'BG',
  '36': 'HU',
  '370': 'LT',
  '371': 'LV',
  '372': 'EE',
  '373': 'MD',
  '374': 'AM',
  '375': 'BY',
  '376': 'AD',
  '377': 'MC',
  '378': 'SM',
  '380': 'UA',
  '381': 'RS',
  '382': 'ME',
  '383': 'XK', // Kosovo: user-assigned code, the one in common use
  '385': 'HR',
  '386': 'SI',
  '387': 'BA',
  '389': 'MK',
  '39': 'IT', // also Vatican City
  '40': 'RO',
  '41': 'CH',
  '420': 'CZ',
  '421': 'SK',
  '423': 'LI',
  '43': 'AT',
  '44': 'GB', // also Guernsey, Jersey, Isle of Man
  '45': 'DK',
  '46': 'SE',
  '47': 'NO', // also Svalbard and Jan Mayen
  '48': 'PL',
  '49': 'DE',

  // Zone 5: Central and South America.
  '500': 'FK',
  '501': 'BZ',
  '502': 'GT',
  '503': 'SV',
  '504': 'HN',
  '505': 'NI',
  '506': 'CR',
  '507': 'PA',
  '508': 'PM',
  '509': 'HT',
  '51': 'PE',
  '52': 'MX',
  '53': 'CU',
  '54': 'AR',
  '55': 'BR',
  '56': 'CL',
  '57': 'CO',
  '58': 'VE',
  '590': 'GP', // also Saint Barthélemy, Saint Martin
  '591': 'BO',
  '592': 'GY',
  '593': 'EC',
  '594': 'GF',
  '595': 'PY',
  '596': 'MQ',
  '597': 'SR',
  '598': 'UY',
  '599': 'CW', // also Caribbean Netherlands

  // Zone 6: Southeast Asia and Oceania.
  '60': 'MY',
  '61': 'AU', // also Christmas Island, Cocos (Keeling) Islands
  '62': 'ID',
  '63': 'PH',
  '64': 'NZ',
  '65': 'SG',
  '66': 'TH',
  '670': 'TL',
  '672': 'NF', // also Australian Antarctic bases
  '673': 'BN',
  '674': 'NR',
  '675': 'PG',
  '676': 'TO',
  '677': 'SB',
  '678': 'VU',
  '679': 'FJ',
  '680': 'PW',
  '681': 'WF',
  '682': 'CK',
  '683': 'NU',
  '685': 'WS',
  '686': 'KI',
  '687': 'NC',
  '688': 'TV',
  '689': 'PF',
  '690': 'TK',
  '691': 'FM',
  '692': 'MH',

  // Zone 7: Russia and Kazakhstan.
  '7': 'RU', // resolved in zone-7.ts

  // Zone 8: East Asia.
  '81': 'JP',
  '82': 'KR',
  '84': 'VN',
  '850': 'KP',
  '852': 'HK',
  '853': 'MO',
  '855': 'KH',
  '856': 'LA',
  '86': 'CN',
  '880': 'BD',
  '886': 'TW',

  // Zone 9: West, Central and South Asia, Middle East.
  '90': 'TR',
  '91': 'IN',
  '92': 'PK',
  '93': 'AF',
  '94': 'LK',
  '95': 'MM',
  '960': 'MV',
  '961': 'LB',
  '962': 'JO',
  '963': 'SY',
  '964': 'IQ',
  '965': 'KW',
  '966': 'SA',
  '967': 'YE',
  '968': 'OM',
  '970': 'PS',
  '971': 'AE',
  '972': 'IL',
  '973': 'BH',
  '974': 'QA',
  '975': 'BT',
  '976': 'MN',
  '977': 'NP',
  '98': 'IR',
  '992': 'TJ',
  '993': 'TM',
  '994': 'AZ',
  '995': 'GE',
  '996': 'KG',
  '998': 'UZ',
};

/**
 * Splits E.164 digits (no `+`) into the country calling code and the national number. Works for
 * codes missing from the table too, from the plan's shape: zones 1 and 7 have one-digit codes, the
 * two-digit codes are all in the table (none is spare), every other code has three digits.
 */
export const splitCallingCode = (digits: string): { code: string; national: string } => {
  const length =
    digits.startsWith('1') || digits.startsWith('7') ? 1 : callingCodes[digits.slice(0, 2)] ? 2 : 3;
  return { code: digits.slice(0, length), national: digits.slice(length) };
};

/** The principal region of a country calling code, or undefined when the code has no region. */
export const principalRegionOf = (code: string): string | undefined =>
  Object.hasOwn(callingCodes, code) ? callingCodes[code] : undefined;
