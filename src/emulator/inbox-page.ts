import type { StoredMessage } from './message-store.js';

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const row = (message: StoredMessage): string => `
    <li class="message" data-phone="${escapeHtml(message.phoneNumber)}">
      <div class="meta">
        <span class="phone">${escapeHtml(message.phoneNumber)}</span>
        <span class="country">${escapeHtml(message.isoCode)}</span>
        <time datetime="${escapeHtml(message.receivedAt)}">${escapeHtml(message.receivedAt)}</time>
      </div>
      <p class="text">${escapeHtml(message.text)}</p>
      <div class="meta">template ${escapeHtml(message.templateId)} · fee ${message.fee} · serial ${escapeHtml(message.serialNo)}</div>
    </li>`;

/** Messages per inbox page: the page reloads every few seconds, so it stays small under a flood. */
export const inboxPageSize = 50;

export type InboxView = {
  /** This page's messages, newest first. */
  readonly messages: readonly StoredMessage[];
  /** 1-based. */
  readonly page: number;
  /** Messages the store holds now. */
  readonly kept: number;
  /** Messages accepted since start or the last reset, forgotten ones included. */
  readonly total: number;
};

const pageLinks = ({ page, kept }: InboxView): string => {
  const pages = Math.max(1, Math.ceil(kept / inboxPageSize));
  const links = [
    page > 1 ? `<a rel="prev" href="/?page=${page - 1}">← Newer</a>` : '',
    `<span>Page ${page} of ${pages}</span>`,
    page < pages ? `<a rel="next" href="/?page=${page + 1}">Older →</a>` : '',
  ];
  return `<nav class="meta">${links.filter(Boolean).join(' ')}</nav>`;
};

const summary = ({ kept, total }: InboxView): string =>
  total > kept
    ? ` Keeping the newest ${kept} of ${total} accepted; older ones were forgotten.`
    : '';

/**
 * The inbox a developer keeps open while clicking through a local Logto sign-in. A meta refresh
 * instead of script keeps it working with JavaScript off and needs no second renderer; every
 * value is escaped because message text comes from whoever called the API. One page shows at most
 * `inboxPageSize` messages, so a flood cannot make each refresh heavy.
 */
export const renderInboxPage = (view: InboxView, refreshSeconds = 2): string => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="refresh" content="${refreshSeconds}">
  <title>Tencent SMS emulator — inbox (${view.kept})</title>
  <style>
    body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 46rem; color: #222; }
    ul { list-style: none; padding: 0; }
    .message { border: 1px solid #ddd; border-radius: 8px; padding: .75rem 1rem; margin-bottom: .75rem; }
    .text { font-size: 1.15rem; margin: .4rem 0; }
    .meta { color: #666; font-size: .85rem; display: flex; gap: 1rem; }
    .empty { color: #666; }
  </style>
</head>
<body>
  <h1>Inbox</h1>
  <p class="meta">Messages accepted by this emulator, newest first. Refreshes every ${refreshSeconds} s. JSON: <a href="/messages">/messages</a>.${summary(view)}</p>
  ${
    view.messages.length === 0
      ? view.kept === 0
        ? '<p class="empty" id="empty">No messages yet.</p>'
        : `<p class="empty">No messages on this page.</p>\n  ${pageLinks(view)}`
      : `<ul id="messages">${view.messages.map((message) => row(message)).join('')}\n  </ul>\n  ${pageLinks(view)}`
  }
</body>
</html>
`;
