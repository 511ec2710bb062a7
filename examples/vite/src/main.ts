// Plain TypeScript with a bundler: define the tags, then use the typed elements and events.
import 'wc-session-elements/define.js';

const provider = document.querySelector('wc-provider')!; // a WcProvider, typed by the package
// Another relay for local testing: ?relay=ws://127.0.0.1:8787 (default: the public relay).
const relay = new URLSearchParams(location.search).get('relay');
if (relay) provider.setAttribute('relay-url', relay); // or provider.relayUrl = relay

provider.addEventListener('wc-ready', (e) => {
  document.querySelector('#status')!.textContent = `ready: ${e.detail.state.sessions.length} session(s)`;
});
document.addEventListener('wc-session-change', (e) => {
  console.log('sessions', e.detail.reason, e.detail.sessions.length);
});
