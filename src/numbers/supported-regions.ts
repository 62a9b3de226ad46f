/**
 * Every region a number can read as: the regions of libphonenumber's full metadata, so exactly
 * what `readNumber` can return (a test compares the two, so an update of the library that adds or
 * drops a region is caught). Written out rather than asked of the library so that the config can be
 * checked without loading the metadata. Besides ISO 3166-1 codes it holds AC (Ascension), TA
 * (Tristan da Cunha) and XK (Kosovo), which have numbering plans of their own.
 */
export const supportedRegions: ReadonlySet<string> = new Set(
  `
  AC AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
  BT BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG
  EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT
  HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR
  LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF
  NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD
  SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TA TC TD TG TH TJ TK TL TM TN TO TR TT TV TW
  TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW`
    .trim()
    .split(/\s+/)
);

/**
 * ISO 3166-1 regions the metadata has no numbering plan for, whose numbers are those of another
 * region and read as it: the US Minor Outlying Islands use +1 numbers of the United States,
 * South Georgia those of the Falklands (+500), Pitcairn those of New Zealand (+64) and the French
 * Southern Territories those of Réunion (+262). Antarctica, Bouvet Island and Heard and McDonald
 * Islands have no numbers of their own and are not listed.
 */
export const foldedRegions: Readonly<Record<string, string>> = Object.freeze({
  GS: 'FK',
  PN: 'NZ',
  TF: 'RE',
  UM: 'US',
});

/** Regions ISO 3166-1 assigns that have no telephone numbers of their own. */
export const regionsWithoutNumbers: ReadonlySet<string> = new Set(['AQ', 'BV', 'HM']);
