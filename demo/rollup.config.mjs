// The demo's bundles, built exactly like the CDN bundle (the main config's createConfig: node-resolve
// for the browser, commonjs, json, TypeScript, terser, self-contained). Their TypeScript program is
// demo/ plus src/, without the tests.
//   demo/wallet.ts      → dist/demo-wallet.js  the demo wallet
//   demo/viem-panel.ts  → dist/demo-viem.js    the dApp's "viem" panel (viem stays out of the library bundle)
import { fileURLToPath } from 'node:url';
import { createConfig } from '../rollup.config.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export default () => [
  createConfig({
    input: here('./wallet.ts'),
    file: here('../dist/demo-wallet.js'),
    tsconfig: here('./tsconfig.json'),
  }),
  createConfig({
    input: here('./viem-panel.ts'),
    file: here('../dist/demo-viem.js'),
    tsconfig: here('./tsconfig.json'),
  }),
];
