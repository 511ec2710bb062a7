// A tiny @web/test-runner reporter: after the run, print one closing line
//   browser: N passed, N failed[, N skipped]
// or, when WC_WTR_SUMMARY_FILE is set (scripts/test.mjs does), write the counts there as JSON
// and leave the closing line to the caller.
// Tests are counted per browser session. A test file that failed without a failing test
// (it did not load, threw outside a test, timed out, had an uncaught page error, ...) counts as
// one failed test, so a broken file can never look green.

import { writeFileSync } from 'node:fs';

/** @param {import('@web/test-runner-core').TestSuiteResult | undefined} suite */
function count(suite, acc = { passed: 0, failed: 0, skipped: 0 }) {
  if (!suite) return acc;
  for (const t of suite.tests) {
    if (t.skipped) acc.skipped++;
    else if (t.passed) acc.passed++;
    else acc.failed++;
  }
  for (const s of suite.suites) count(s, acc);
  return acc;
}

/**
 * @param {{ label?: string }} [options]
 * @returns {import('@web/test-runner-core').Reporter}
 */
export function summaryReporter({ label = 'browser' } = {}) {
  return {
    stop({ sessions }) {
      const total = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const c = count(session.testResults);
        const fileFailed = session.passed === false || session.errors.length > 0;
        if (fileFailed && c.failed === 0) c.failed = 1;
        total.passed += c.passed;
        total.failed += c.failed;
        total.skipped += c.skipped;
      }
      const file = process.env.WC_WTR_SUMMARY_FILE;
      if (file) {
        writeFileSync(file, JSON.stringify(total));
        return;
      }
      let line = `${label}: ${total.passed} passed, ${total.failed} failed`;
      if (total.skipped) line += `, ${total.skipped} skipped`;
      // after WTR's own closing output, so this is the last line of the run
      process.once('exit', () => process.stdout.write(`${line}\n`));
    },
  };
}
