import type { Destination } from './account.js';

/** Highest `{n}` placeholder in a template: the number of parameters Tencent expects. */
export const placeholderCount = (text: string): number =>
  Math.max(0, ...Array.from(text.matchAll(/\{(\d+)\}/g), (match) => Number(match[1])));

/**
 * The text the handset receives: placeholders replaced, and for mainland messages the
 * signature in 【】 at the front, as carriers in China require and Tencent adds.
 */
export const renderMessage = (
  templateText: string,
  params: readonly string[],
  destination: Destination,
  signName: string | undefined
): string => {
  const body = templateText.replace(/\{(\d+)\}/g, (whole, index: string) => {
    return params[Number(index) - 1] ?? whole;
  });
  return destination === 'mainland' && signName ? `【${signName}】${body}` : body;
};

/**
 * Billable segments: Tencent charges one unit per 70 characters when the text holds anything
 * beyond ASCII (UCS-2 encoding), per 160 characters otherwise.
 */
export const countFee = (text: string): number => {
  const length = Array.from(text).length;
  // eslint-disable-next-line no-control-regex
  const perSegment = /^[\x00-\x7f]*$/.test(text) ? 160 : 70;
  return Math.max(1, Math.ceil(length / perSegment));
};
