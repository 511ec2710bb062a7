/**
 * Barriers instead of fixed sleeps: each resolves once something that must come after the thing a
 * test waits for has happened, so no test guesses how long to wait.
 */

/**
 * Records the unhandled promise rejections of the page from now on. `flush()` is the barrier: it
 * rejects a sentinel promise nobody handles and resolves when the page reports it. The page reports
 * unhandled rejections in the order the promises were rejected, so by then every rejection made
 * before `flush()` was called, or in the microtasks that were pending then, has been reported (and
 * recorded in `reasons`). The test page's
 * prelude (web-test-runner.config.mjs) hands the sentinel to `flush()` and to no other listener.
 */
export function watchUnhandledRejections(): { readonly reasons: unknown[]; flush(): Promise<void>; stop(): void } {
  const reasons: unknown[] = [];
  const listener = (event: PromiseRejectionEvent) => void reasons.push(event.reason);
  window.addEventListener('unhandledrejection', listener);
  return {
    reasons,
    async flush() {
      // Twice: a rejection still a few microtasks away when flush() is called is reported in the
      // same batch as the first sentinel, so before the second.
      for (let round = 0; round < 2; round++) {
        await new Promise<void>((resolve) => {
          void Promise.reject({ wcBarrier: resolve });
        });
      }
    },
    stop() {
      window.removeEventListener('unhandledrejection', listener);
    },
  };
}
