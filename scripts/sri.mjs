#!/usr/bin/env node
// The CDN file's Subresource Integrity hash: prints `sha384-…` and writes it beside the file
// (dist/wc-elements.js → dist/wc-elements.js.sri), for
//   <script type="module" src="…/wc-elements.js" integrity="sha384-…" crossorigin="anonymous">
//   node scripts/sri.mjs [file]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function sriOf(buf) {
  return `sha384-${createHash('sha384').update(buf).digest('base64')}`;
}

const file = process.argv[2] ?? fileURLToPath(new URL('../dist/wc-elements.js', import.meta.url));
const integrity = sriOf(readFileSync(file));
writeFileSync(`${file}.sri`, `${integrity}\n`);
console.log(`${path.relative(process.cwd(), file)}: integrity ${integrity} (→ ${path.basename(file)}.sri)`);
