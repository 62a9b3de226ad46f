/** A run of a text, `[start, end)`. */
export type Span = readonly [start: number, end: number];

/**
 * The suffix automaton of one secret: reading a text once, it knows at every position the longest
 * piece of the secret that ends there. That finds every piece of at least a given length — the
 * whole secret, a prefix left by a cut, a tail — in time linear in the text, with no regular
 * expression that could backtrack. `variants` are other strings whose pieces count too (the
 * secret's UTF-8 bytes, for text decoded from base64): each is joined on after a unit no text can
 * hold, so no piece found runs from one into the next.
 */
export class SecretAutomaton {
  readonly #next: Array<Map<number, number>> = [new Map()];
  readonly #link: number[] = [-1];
  readonly #length: number[] = [0];

  constructor(
    readonly secret: string,
    variants: readonly string[] = []
  ) {
    let last = 0;
    for (const [which, text] of [secret, ...variants].entries()) {
      if (which > 0) {
        // Negative: charCodeAt never returns one, so a text never matches across the join.
        last = this.#extend(last, -which);
      }
      for (let index = 0; index < text.length; index += 1) {
        last = this.#extend(last, text.charCodeAt(index));
      }
    }
  }

  /** The standard online construction, one character at a time. */
  #extend(last: number, unit: number): number {
    const current = this.#add(this.#length[last]! + 1, -1);
    let state = last;
    while (state !== -1 && !this.#next[state]!.has(unit)) {
      this.#next[state]!.set(unit, current);
      state = this.#link[state]!;
    }
    if (state === -1) {
      this.#link[current] = 0;
      return current;
    }
    const target = this.#next[state]!.get(unit)!;
    if (this.#length[state]! + 1 === this.#length[target]) {
      this.#link[current] = target;
      return current;
    }
    const clone = this.#add(this.#length[state]! + 1, this.#link[target]!, this.#next[target]!);
    while (state !== -1 && this.#next[state]!.get(unit) === target) {
      this.#next[state]!.set(unit, clone);
      state = this.#link[state]!;
    }
    this.#link[target] = clone;
    this.#link[current] = clone;
    return current;
  }

  #add(length: number, link: number, next?: Map<number, number>): number {
    this.#next.push(new Map(next));
    this.#link.push(link);
    this.#length.push(length);
    return this.#length.length - 1;
  }

  /** Every maximal run of `text` at least `minLength` long that is also a piece of the secret. */
  runsIn(text: string, minLength: number): Span[] {
    const runs: Array<[number, number]> = [];
    let state = 0;
    let matched = 0;
    for (let index = 0; index < text.length; index += 1) {
      const unit = text.charCodeAt(index);
      while (state !== 0 && !this.#next[state]!.has(unit)) {
        state = this.#link[state]!;
        matched = this.#length[state]!;
      }
      const next = this.#next[state]!.get(unit);
      if (next === undefined) {
        matched = 0;
        continue;
      }
      state = next;
      matched += 1;
      if (matched >= minLength) {
        const start = index + 1 - matched;
        const previous = runs.at(-1);
        // Starts never move back, so a run either grows the previous one or begins a new one.
        if (previous && start <= previous[1]) {
          previous[1] = index + 1;
        } else {
          runs.push([start, index + 1]);
        }
      }
    }
    return runs;
  }
}
