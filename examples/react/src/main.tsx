// React 19 passes properties and `on<event>` listeners to custom elements natively; the JSX types
// of the tags (attributes and `onwc-…` props) come from `wc-session-elements/react`.
import 'wc-session-elements/define.js';
import type {} from 'wc-session-elements/react';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

// Another relay for local testing: ?relay=ws://127.0.0.1:8787 (default: the public relay).
const relay = new URLSearchParams(location.search).get('relay') ?? undefined;

function App() {
  const [status, setStatus] = useState('loading…');
  return (
    <>
      <h1>My dApp</h1>
      <p id="status">{status}</p>
      <wc-provider
        project-id="YOUR_PROJECT_ID"
        relay-url={relay}
        app-name="My dApp"
        chains="eip155:1"
        methods="personal_sign"
        onwc-ready={(e) => setStatus(`ready: ${e.detail.state.sessions.length} session(s)`)}
      >
        <wc-connect />
        <wc-session-list onwc-session-select={(e) => console.log('selected', e.detail.topic)} />
      </wc-provider>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
