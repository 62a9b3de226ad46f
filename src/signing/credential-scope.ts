/** The date and credential scope of TC3 (see ./SPEC.md §2). */

/**
 * `YYYY-MM-DD` of a Unix timestamp in UTC. Local time would sign with the wrong date for hours
 * around midnight on servers outside UTC, which Tencent rejects.
 */
export const utcDate = (timestamp: number): string =>
  new Date(timestamp * 1000).toISOString().slice(0, 10);

/** `2019-02-25/sms/tc3_request`. */
export const credentialScope = (date: string, service: string): string =>
  `${date}/${service}/tc3_request`;
