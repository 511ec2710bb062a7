#!/usr/bin/env node
// Types for the package's two JSON entry points (`./custom-elements.json`, `./package.json`), so
// every entry in package.json "exports" has `types`: dist/custom-elements.json.d.ts, dist/package.json.d.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
mkdirSync(dist, { recursive: true });

writeFileSync(
  `${dist}custom-elements.json.d.ts`,
  `/** The Custom Elements Manifest (https://github.com/webcomponents/custom-elements-manifest). */
declare const manifest: {
  readonly schemaVersion: string;
  readonly readme?: string;
  readonly modules: ReadonlyArray<{
    readonly kind: 'javascript-module';
    readonly path: string;
    readonly declarations?: ReadonlyArray<{ readonly kind: string; readonly name: string; readonly tagName?: string; readonly [key: string]: unknown }>;
    readonly exports?: ReadonlyArray<{ readonly kind: string; readonly name: string; readonly [key: string]: unknown }>;
  }>;
};
export default manifest;
`,
);

writeFileSync(
  `${dist}package.json.d.ts`,
  `/** This package's package.json. */
declare const pkg: {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  readonly [key: string]: unknown;
};
export default pkg;
`,
);
