// A TypeScript consumer of the main entry only: `vue-tsc -p test/types` (the "types" stage of npm test)
// type-checks this file against the shipped declarations in dist/ (through the package's own name,
// so package.json "exports" is what resolves it). Each @ts-expect-error is a check that must fail.
import { WcConnect, type WcUriCopyEvent } from 'wc-session-elements';

const connect = document.querySelector('wc-connect');
if (connect) {
  const el: WcConnect = connect; // querySelector gives the class, not HTMLElement
  el.label = 'Connect';
  // @ts-expect-error max-refresh is a number
  el.maxRefresh = 'three';
  el.addEventListener('wc-uri-copy', (e) => {
    const copied: WcUriCopyEvent = e;
    const ok: boolean = e.detail.ok;
    void copied;
    void ok;
  });
  el.addEventListener('wc-session-select', (e) => {
    const topic: string = e.detail.topic;
    void topic;
  });
  el.addEventListener('wc-uri-copy', (e) => {
    // @ts-expect-error the detail has no such field
    void e.detail.nope;
  });
}
document.addEventListener('wc-session-change', (e) => void e.detail.sessions.length);
