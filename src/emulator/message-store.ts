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
    const matching = wanted
      ? this.messages.filter((message) => phoneDigits(message.phoneNumber) === wanted)
      : this.messages;
    return [...matching].reverse();
  }

  clear(): void {
    this.messages = [];
  }
}
