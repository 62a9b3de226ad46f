/**
 * Area codes of the North American Numbering Plan (+1) that belong to a member other than the
 * United States. NANPA assigns each geographic area code to exactly one member, so the first three
 * national digits name the region.
 */
const memberAreaCodes: Readonly<Record<string, string>> = {
  // Canada, province by province, overlays included.
  ...Object.fromEntries(
    [
      // Alberta
      '368', '403', '587', '780', '825',
      // British Columbia
      '236', '250', '257', '604', '672', '778',
      // Manitoba
      '204', '431', '584',
      // New Brunswick
      '428', '506',
      // Newfoundland and Labrador
      '709', '879',
      // Nova Scotia and Prince Edward Island
      '782', '902',
      // Ontario
      '226', '249', '273', '289', '343', '365', '382', '416', '437', '519', '548', '613', '647',
      '683', '705', '742', '753', '807', '905', '942',
      // Quebec
      '263', '354', '367', '418', '438', '450', '468', '514', '579', '581', '819', '873',
      // Saskatchewan
      '306', '474', '639',
      // Yukon, Northwest Territories, Nunavut
      '867',
      // Canada-wide non-geographic services, still Canadian numbers
      '600', '622', '633',
    ].map((areaCode) => [areaCode, 'CA'])
  ),

  // The Caribbean members.
  '242': 'BS',
  '246': 'BB',
  '264': 'AI',
  '268': 'AG',
  '284': 'VG',
  '340': 'VI',
  '345': 'KY',
  '441': 'BM',
  '473': 'GD',
  '649': 'TC',
  '658': 'JM',
  '664': 'MS',
  '721': 'SX',
  '758': 'LC',
  '767': 'DM',
  '784': 'VC',
  '787': 'PR',
  '809': 'DO',
  '829': 'DO',
  '849': 'DO',
  '868': 'TT',
  '869': 'KN',
  '876': 'JM',
  '939': 'PR',

  // The Pacific members.
  '670': 'MP',
  '671': 'GU',
  '684': 'AS',
};

/**
 * Codes that name no single member: toll-free (8XX) numbers are reachable across the plan and may
 * belong to a subscriber in any member; personal-communications (5XX), interexchange (700),
 * government (710), premium (900) and the international inbound code (456) are not tied to a place.
 */
const nonGeographic = new Set([
  '456', '500', '521', '522', '523', '524', '525', '526', '527', '528', '529', '531', '532', '533',
  '544', '566', '577', '588', '700', '710', '800', '833', '844', '855', '866', '877', '888', '900',
]);

/** Area codes have the shape NXX (N = 2–9); N11 are service codes (411, 911), never area codes. */
const areaCodeShape = /^[2-9](?!11)\d\d$/;

/**
 * The region of a NANP national number (the digits after `+1`): the member holding its area code,
 * the United States for every other geographic area code, and undefined for non-geographic codes
 * and for anything that is not an area code. Area codes opened after this table was written read
 * as the United States until added here (Canada opens a few overlays a year).
 */
export const nanpRegionOf = (national: string): string | undefined => {
  const areaCode = national.slice(0, 3);
  if (!areaCodeShape.test(areaCode) || nonGeographic.has(areaCode)) {
    return undefined;
  }
  return memberAreaCodes[areaCode] ?? 'US';
};
