import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ModalDialogOptions {
  /** Whether the content should be open now; read after every update of the host. */
  readonly isOpen: () => boolean;
  /** The native `<dialog>` to show modally, or null when the content is rendered in place. */
  readonly dialog: () => HTMLDialogElement | null;
  /** Where focus goes when the content opens (e.g. its heading, with `tabindex="-1"`). */
  readonly focusIn: () => HTMLElement | null;
  /** Where focus goes back when the opener is gone or disabled. */
  readonly focusBack: () => HTMLElement | null;
}

/**
 * The dialog handling of an element with a modal flow: after each update it shows the `<dialog>`
 * modally while the content is open and closes it otherwise; when the content opens it moves focus
 * in, and when it closes it returns focus to the element that opened it (or to `focusBack`).
 * Works the same for content rendered in place (no `<dialog>`): then only focus moves.
 */
export class ModalDialog implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: ModalDialogOptions;
  #wasOpen = false;
  #opener: HTMLElement | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ModalDialogOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Remembers the control that is opening the content, to give focus back to it on close. */
  openedBy(opener: HTMLElement | null): void {
    this.#opener = opener;
  }

  hostUpdated(): void {
    const open = this.#options.isOpen();
    this.#syncDialog(open);
    if (open && !this.#wasOpen) {
      this.#options.focusIn()?.focus();
    } else if (!open && this.#wasOpen) {
      const opener = this.#opener;
      this.#opener = null;
      const target = opener?.isConnected && !(opener as Partial<HTMLButtonElement>).disabled ? opener : this.#options.focusBack();
      target?.focus();
    }
    this.#wasOpen = open;
  }

  #syncDialog(open: boolean): void {
    const dialog = this.#options.dialog();
    if (!dialog) return;
    if (open && !dialog.matches(':modal')) {
      if (dialog.open) dialog.close(); // left open (non-modal) by a move in the DOM
      try {
        if (this.#host.isConnected) dialog.showModal();
      } catch {
        dialog.show(); // e.g. inside a popover that is not shown: open in place rather than throw
      }
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }
}
