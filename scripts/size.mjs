// Prints the minified / gzip / brotli sizes of the bundle (default dist/wc-elements.js).
//   node scripts/size.mjs [file ...] [--json]
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const json = args.includes('--json');
const files = args.filter((a) => a !== '--json');
if (files.length === 0) files.push(fileURLToPath(new URL('../dist/wc-elements.js', import.meta.url)));

const fmt = (n) => `${n.toLocaleString('en-US')} B (${(n / 1024).toFixed(1)} KiB)`;
const results = [];
for (const file of files) {
  let buf;
  try {
    buf = readFileSync(file);
  } catch {
    console.error(`size: ${file} not found (run npm run build)`);
    process.exitCode = 1;
    continue;
  }
  const r = {
    file,
    min: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
  results.push(r);
  if (!json) {
    const name = file.replace(`${process.cwd()}/`, '');
    console.log(`${name}: min ${fmt(r.min)} · gzip ${fmt(r.gzip)} · brotli ${fmt(r.brotli)}`);
  }
}
if (json) console.log(JSON.stringify(results, null, 2));
