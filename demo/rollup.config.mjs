// The demo wallet's bundle: demo/wallet.ts → dist/demo-wallet.js, built exactly like the CDN bundle
// (the main config's createConfig: node-resolve for the browser, commonjs, json, TypeScript, terser,
// self-contained). Its TypeScript program is demo/ plus src/, without the tests.
import { fileURLToPath } from 'node:url';
import { createConfig } from '../rollup.config.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export default () =>
  createConfig({
    input: here('./wallet.ts'),
    file: here('../dist/demo-wallet.js'),
    tsconfig: here('./tsconfig.json'),
  });
