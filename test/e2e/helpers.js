// Helpers shared by the end-to-end tests (demo.test.js, tabs.test.js): bounded polling, the dApp's
// session list, approving a proposal in the demo wallet, and watching pages for errors.

/** Upper bound of any single wait. */
export const WAIT = 15_000;

/** Polls `check` until it returns a truthy value (bounded); returns that value. */
export async function until(what, check, timeout = WAIT) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The items of a dApp page's `<wc-session-list>`. */
export const sessionItems = (page) => page.locator('wc-session-list wc-session-list-item');

/** Approves the proposal the demo wallet page shows, once its Approve button is enabled. */
export async function approveInWallet(wallet) {
  const approve = wallet.locator('wc-namespace-picker [part="approve-button"]');
  await approve.waitFor({ timeout: WAIT });
  await until('the Approve button to be enabled', () => approve.isEnabled());
  await approve.click();
}

/** Records page errors, unhandled rejections and console errors of every page `context` opens into `problems`. */
export function watchPages(context, problems) {
  context.on('page', (page) => {
    const where = () => new URL(page.url()).pathname || page.url();
    page.on('pageerror', (error) => problems.push(`${where()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${where()}: console.error: ${message.text()}`);
    });
  });
}
