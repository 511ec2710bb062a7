import type { ReactiveControllerHost } from 'lit';

/**
 * The text of an element's one live region (`role="status"`), set the clear-then-set way.
 *
 * Why clear first: a screen reader announces a live region when its text changes, so the same
 * message twice in a row ("Ping: 42 ms", "Link copied") would be spoken once. `announce()` empties
 * the region, lets the host render that, then sets the message. A later call wins over an earlier
 * one still waiting. Render `announcer.text` inside the live region:
 *
 * ```ts
 * html`<div role="status" class="visually-hidden">${this.#announcer.text}</div>`
 * ```
 */
export class Announcer {
  readonly #host: ReactiveControllerHost;
  #text = '';
  #seq = 0;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** What the live region shows now. */
  get text(): string {
    return this.#text;
  }

  /** Announces `message`, even when it equals the current text. Resolves once it is set. */
  async announce(message: string): Promise<void> {
    const seq = ++this.#seq;
    this.#write('');
    await this.#host.updateComplete;
    if (seq !== this.#seq) return; // a newer message took over
    this.#write(message);
  }

  /** Replaces the text at once, without the clear step (a status that changed anyway). */
  set(message: string): void {
    ++this.#seq;
    this.#write(message);
  }

  /** Empties the live region. */
  clear(): void {
    this.set('');
  }

  #write(text: string): void {
    if (text === this.#text) return;
    this.#text = text;
    this.#host.requestUpdate();
  }
}
