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
 * Billable units as Tencent counts them: a text that fits one SMS (70 characters when it holds
 * anything beyond ASCII, 160 otherwise) is one unit; a longer one is sent as a concatenated SMS
 * whose parts carry 67 (or 153) characters each, the rest of every part being the header that
 * joins them.
 */
export const countFee = (text: string): number => {
  const length = Array.from(text).length;
  // eslint-disable-next-line no-control-regex
  const [single, part] = /^[\x00-\x7f]*$/.test(text) ? [160, 153] : [70, 67];
  return length <= single ? 1 : Math.ceil(length / part);
};
