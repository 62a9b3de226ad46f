/**
 * A `Response` whose body is already in memory. It is a real Response (same class chain, same
 * headers/status/clone), but `text()`, `json()` and `arrayBuffer()` answer from the bytes
 * directly: a web stream is built only if someone reads `.body`. Streams cost more CPU than the
 * rest of a SendSms answer's handling, and the transport has buffered the body anyway.
 */
export class BufferedResponse extends Response {
  readonly #bytes: Buffer;
  readonly #init: ResponseInit;
  readonly #makeHeaders: () => Headers;
  #headers: Headers | undefined;
  #streamed: Response | undefined;
  #consumed = false;

  /**
   * `makeHeaders` runs on first access to `headers`: most callers only read the status and
   * the text, and building a Headers object costs about as much as the rest of this class.
   */
  constructor(bytes: Buffer, init: Omit<ResponseInit, 'headers'>, makeHeaders: () => Headers) {
    super(null, init);
    this.#bytes = bytes;
    this.#init = init;
    this.#makeHeaders = makeHeaders;
  }

  override get headers(): Headers {
    this.#headers ??= this.#makeHeaders();
    return this.#headers;
  }

  /** The body as a stream, made on first access; from then on every read goes through it. */
  #stream(): Response {
    this.#streamed ??= new Response(this.#bytes as Uint8Array as BodyInit, {
      ...this.#init,
      headers: this.headers,
    });
    return this.#streamed;
  }

  #take(): Buffer {
    if (this.#consumed) {
      throw new TypeError('Body is unusable: Body has already been read');
    }
    this.#consumed = true;
    return this.#bytes;
  }

  override get body(): Response['body'] {
    return this.#consumed ? null : this.#stream().body;
  }

  override get bodyUsed(): boolean {
    return this.#consumed || (this.#streamed?.bodyUsed ?? false);
  }

  override async text(): Promise<string> {
    return this.#streamed ? this.#streamed.text() : this.#take().toString('utf8');
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#streamed) {
      return this.#streamed.arrayBuffer();
    }
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  override async blob(): Promise<Blob> {
    return this.#stream().blob();
  }

  override async formData(): Promise<FormData> {
    return this.#stream().formData();
  }

  override clone(): Response {
    if (this.bodyUsed) {
      throw new TypeError('Response.clone: Body has already been consumed.');
    }
    if (this.#streamed) {
      return this.#streamed.clone();
    }
    const copy = new BufferedResponse(this.#bytes, this.#init, () => new Headers(this.headers));
    Object.defineProperty(copy, 'url', { value: this.url });
    return copy;
  }
}
