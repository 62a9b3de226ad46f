import { phoneDigits } from './phone.js';

/** One accepted message, as `GET /messages` returns it. */
export type StoredMessage = {
  readonly serialNo: string;
  readonly requestId: string;
  readonly phoneNumber: string;
  readonly isoCode: string;
  readonly sdkAppId: string;
  readonly templateId: string;
  readonly signName: string | null;
  readonly params: readonly string[];
  /** The text as the handset shows it. */
  readonly text: string;
  readonly fee: number;
  /** ISO 8601. */
  readonly receivedAt: string;
};

/** In-memory inbox: the emulator's stand-in for the user's phone. */
export class MessageStore {
  private messages: StoredMessage[] = [];

  add(message: StoredMessage): void {
    this.messages.push(message);
  }

  /** Newest first; `phone` matches by digits so `+86…`, `86…` and a URL-decoded ` 86…` all work. */
  list(phone?: string): StoredMessage[] {
    const wanted = phone === undefined ? undefined : phoneDigits(phone);
    // A filter with no digits in it matches no number, rather than every one.
    const matching =
      wanted === undefined
        ? this.messages
        : this.messages.filter((message) => phoneDigits(message.phoneNumber) === wanted);
    return [...matching].reverse();
  }

  clear(): void {
    this.messages = [];
  }
}
