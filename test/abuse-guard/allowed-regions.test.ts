/**
 * `allowedRegions` takes exactly the regions a number can read as; a code no number reads as would
 * silently refuse every number the operator meant to let through, so it is refused with a reason.
 */
import { describe, expect, it } from 'vitest';

import { abuseProtectionGuard } from '../../src/abuse-guard/config.js';
import { supportedRegions } from '../../src/numbers/supported-regions.js';
import { tencentSmsConfigGuard } from '../../src/types.js';
import { legacyConfig } from '../helpers/config.js';

const issuesFor = (allowedRegions: unknown) => {
  const result = tencentSmsConfigGuard.safeParse({ ...legacyConfig(), abuseProtection: { allowedRegions } });
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map(({ path, message }) => [path.join('.'), message]);
};

describe('allowedRegions', () => {
  it('accepts every region a number can read as, Ascension, Tristan da Cunha and Kosovo included', () => {
    const all = [...supportedRegions];
    expect(abuseProtectionGuard.parse({ allowedRegions: all }).allowedRegions).toEqual(all);
    expect(abuseProtectionGuard.parse({ allowedRegions: ['ac', 'TA', 'xk', 'BL', 'MF', 'EH'] }).allowedRegions).toEqual([
      'AC',
      'TA',
      'XK',
      'BL',
      'MF',
      'EH',
    ]);
  });

  it.each([
    ['UM', 'UM is not a numbering region: its numbers read as US'],
    ['GS', 'GS is not a numbering region: its numbers read as FK'],
    ['PN', 'PN is not a numbering region: its numbers read as NZ'],
    ['tf', 'TF is not a numbering region: its numbers read as RE'],
  ])('refuses %s, naming the region its numbers read as', (code, message) => {
    expect(issuesFor(['CN', code])).toEqual([['abuseProtection.allowedRegions.1', message]]);
  });

  it.each(['AQ', 'BV', 'HM'])('refuses %s, which has no numbers of its own', (code) => {
    expect(issuesFor([code])).toEqual([['abuseProtection.allowedRegions.0', `${code} has no telephone numbers of its own`]]);
  });

  it.each(['XX', 'UK', 'EU', '86', 'USA'])('refuses %s as no region code, naming it', (code) => {
    expect(issuesFor([code])).toEqual([
      ['abuseProtection.allowedRegions.0', `${code} is not a region code; use ISO 3166-1 alpha-2 codes such as CN, HK, SG or US`],
    ]);
  });

  it('does not repeat a value that is not shaped like a code, which could be a pasted secret', () => {
    const pasted = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
    const issues = issuesFor([pasted]);
    expect(issues).toEqual([
      ['abuseProtection.allowedRegions.0', 'this value is not a region code; use ISO 3166-1 alpha-2 codes such as CN, HK, SG or US'],
    ]);
    expect(JSON.stringify(issues).toUpperCase()).not.toContain(pasted.toUpperCase());
  });
});
