/** Keyboard walks for the keyboard tests (real key presses through the test runner). */
import { sendKeys } from '@web/test-runner-commands';

/**
 * Focuses `start`, presses Tab `count` times, and after each press returns what `read` makes of the
 * element focused inside `host`'s shadow root (null when focus is not in it).
 */
export async function tabFrom<T>(start: HTMLElement, host: Element, count: number, read: (active: HTMLElement | null, press: number) => T): Promise<T[]> {
  start.focus();
  const reached: T[] = [];
  for (let press = 1; press <= count; press++) {
    await sendKeys({ press: 'Tab' });
    reached.push(read(host.shadowRoot!.activeElement as HTMLElement | null, press));
  }
  return reached;
}
