import { cutText } from './redaction/cut.js';

/** What is read of a body for a summary: a page's title sits near its top. */
const headLength = 2048;

/** The page's `<title>`, tag-free and on one line, when the body is an HTML page that has one. */
const titleOf = (head: string): string | undefined => {
  const title = /<title[^>]*>([^<]*)</i.exec(head)?.[1]?.replace(/\s+/g, ' ').trim();
  return title ? cutText(title, 80) : undefined;
};

/**
 * A short, tag-free excerpt of a body, so a gateway's page or a proxy's text reads as a sentence.
 * Both cuts leave the marker that redaction looks for.
 */
export const excerpt = (text: string, max = 200): string => {
  // Cut before any regex runs: the body may be up to the 1 MiB cap, and this runs on every error.
  const plain = cutText(text, headLength).replace(/<[^<>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain ? cutText(plain, max) : '(empty body)';
};

/** The body named once: an HTML page by its title, anything else by a short excerpt. */
export const bodySummary = (text: string): string => {
  const head = text.slice(0, headLength);
  const title = titleOf(head);
  if (title) {
    return `page "${title}"`;
  }
  return /^\s*</.test(head) ? `HTML page: ${excerpt(text, 80)}` : `body: ${excerpt(text, 80)}`;
};

/**
 * An answer with no Tencent error code and not a SendSms result: something other than Tencent's
 * API answered (a gateway's 502 page, a proxy's login page, a wrong endpoint), or Tencent's own
 * front failed. The request may have reached Tencent before that, so the code may have gone out.
 */
export const describeForeignAnswer = (status: number, text: string): string =>
  `A gateway or proxy answered, not Tencent (HTTP ${status}, ${bodySummary(text)}), so the code may or may not have been sent. Check the endpoint, any proxy and Tencent's status.`;
