/**
 * One guarded way to set `:state()`s through `ElementInternals`.
 *
 * Why guarded: the states are a styling convenience, and a browser whose `CustomStateSet` is missing
 * or only takes the older `--name` form (Chromium 90–124) throws on `add('name')`. An element must
 * keep rendering either way, so every call here falls back to `--name`, then gives up silently.
 */
export class CustomStates {
  readonly #states: CustomStateSet | undefined;

  /** `internals` from the element's own `attachInternals()` (an element can attach only once). */
  constructor(internals: ElementInternals) {
    this.#states = internals.states as CustomStateSet | undefined;
  }

  /** Whether `name` is set. */
  has(name: string): boolean {
    try {
      return !!this.#states?.has(name) || !!this.#states?.has(`--${name}`);
    } catch {
      return false;
    }
  }

  /** Sets or clears one state. */
  set(name: string, on: boolean): void {
    const states = this.#states;
    if (!states) return;
    if (on) {
      try {
        states.add(name);
      } catch {
        try {
          states.add(`--${name}`); // the older form: `:--name`
        } catch {
          // no usable CustomStateSet: the state is cosmetic, rendering goes on
        }
      }
      return;
    }
    for (const key of [name, `--${name}`]) {
      try {
        states.delete(key);
      } catch {
        // nothing to clear in this form
      }
    }
  }

  /** Sets every state of the record at once: `{ loading: true, empty: false }`. */
  setAll(states: Readonly<Record<string, boolean>>): void {
    for (const [name, on] of Object.entries(states)) this.set(name, on);
  }

  /**
   * Exactly one of `names` is set (or none, for null): for a phase such as `<wc-connect>`'s
   * `idle | connecting | awaiting-approval | connected | error`.
   */
  setOneOf(names: readonly string[], current: string | null): void {
    for (const name of names) this.set(name, name === current);
  }
}
