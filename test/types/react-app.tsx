// A React 19 component using the tags through the shipped JSX declarations
// (`wc-session-elements/react`): attributes and `onwc-…` event props are typed.
import type {} from 'wc-session-elements/react';

export function App() {
  return (
    <wc-provider project-id="YOUR_PROJECT_ID" app-name="My dApp" chains="eip155:1" onwc-ready={(e) => void e.detail.state}>
      <wc-connect
        label="Connect"
        mode="dialog"
        max-refresh={3}
        onwc-uri-copy={(e) => {
          const ok: boolean = e.detail.ok;
          void ok;
        }}
      />
      <wc-session-list sort="recent" onwc-session-select={(e) => void e.detail.topic} />
      {/* @ts-expect-error not an attribute of wc-connect (hyphenated unknown names are never checked by TSX) */}
      <wc-connect nosuch="x" />
      {/* @ts-expect-error the detail has no such field */}
      <wc-connect onwc-uri-copy={(e) => void e.detail.nope} />
    </wc-provider>
  );
}
