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

/** How many messages an emulator keeps unless told otherwise: plenty for a sign-in session. */
export const defaultMaxMessages = 1000;

/**
 * In-memory inbox: the emulator's stand-in for the user's phone. It keeps the newest `capacity`
 * messages and forgets older ones, so a load test or a runaway client cannot grow the process
 * without bound; a ring buffer makes adding constant-time however full it is.
 */
export class MessageStore {
  private slots: Array<StoredMessage | undefined>;
  /** Index of the slot the next message goes into. */
  private next = 0;
  private count = 0;
  private accepted = 0;

  constructor(readonly capacity: number = defaultMaxMessages) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`The message store capacity must be a positive integer, got ${String(capacity)}.`);
    }
    this.slots = [];
  }

  add(message: StoredMessage): void {
    this.slots[this.next] = message;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
    this.accepted += 1;
  }

  /** Messages held now: at most `capacity`. */
  get size(): number {
    return this.count;
  }

  /** Messages added since start or the last `clear()`, including those since forgotten. */
  get total(): number {
    return this.accepted;
  }

  /** Newest first; `phone` matches by digits so `+86…`, `86…` and a URL-decoded ` 86…` all work. */
  list(phone?: string): StoredMessage[] {
    const wanted = phone === undefined ? undefined : phoneDigits(phone);
    const newestFirst: StoredMessage[] = [];
    for (let age = 1; age <= this.count; age++) {
      const message = this.slots[(this.next - age + this.capacity) % this.capacity];
      // A filter with no digits in it matches no number, rather than every one.
      if (message && (wanted === undefined || phoneDigits(message.phoneNumber) === wanted)) {
        newestFirst.push(message);
      }
    }
    return newestFirst;
  }

  clear(): void {
    this.slots = [];
    this.next = 0;
    this.count = 0;
    this.accepted = 0;
  }
}
