// The bench's builds, all into bench/results/build/ (dist/ is never touched):
//   ours.js     src/define.ts, with rollup.config.mjs's own createConfig (the CDN file's settings)
//   floor.js    bench/floor.js, the same createConfig: lit + @lit/context + qrcode + SignClient.init
//   harness.js  bench/pages/harness.js with esbuild: the in-page wallet, fake controller, plain-DOM list
// and, per module of ours.js, its rendered length, so the largest modules can be listed.
import { rollup } from 'rollup';
import { build as esbuild } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { createConfig } from '../rollup.config.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT = path.join(ROOT, 'bench', 'results', 'build');

/** Brotli (Node zlib, quality 11, text mode), as scripts/size.mjs measures the CDN file. */
export function brotli(buf) {
  return brotliCompressSync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;
}

/** One rollup build with the CDN settings; returns the output's sizes and its modules' rendered lengths. */
async function rollupBuild(input, name, { dapp = false } = {}) {
  const file = path.join(OUT, name);
  const config = createConfig({ input, file, dapp });
  const t0 = performance.now();
  const bundle = await rollup({ ...config, onwarn: () => {} });
  const { output } = await bundle.write(config.output);
  await bundle.close();
  const chunk = output.find((o) => o.type === 'chunk');
  const buf = readFileSync(file);
  const modules = Object.entries(chunk.modules).map(([id, m]) => ({ id, rendered: m.renderedLength }));
  return { file, ms: performance.now() - t0, min: buf.length, brotli: brotli(buf), modules };
}

/** A readable group for a module id: `pkg` for node_modules, the folder under src/ for ours. */
export function groupOf(id) {
  const clean = id.replace(/^\0/, '').replace(/\?.*$/, '');
  const nm = clean.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  if (nm >= 0) {
    const parts = clean.slice(nm + 14).split(path.sep);
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const rel = path.relative(ROOT, clean);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return clean.includes('commonjs') ? '(rollup helpers)' : rel;
  const parts = rel.split(path.sep);
  return parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}/${parts[2] && parts.length > 3 ? `${parts[2]}/` : ''}` : rel;
}

/**
 * The largest parts of a bundle: each module's share of the rendered (pre-minification) code,
 * times the whole file's brotli size, grouped by package / source folder.
 */
export function largest(result, { top = 15 } = {}) {
  const total = result.modules.reduce((n, m) => n + m.rendered, 0) || 1;
  const groups = new Map();
  for (const m of result.modules) {
    if (!m.rendered) continue;
    const g = groupOf(m.id);
    const entry = groups.get(g) ?? { group: g, rendered: 0, modules: 0 };
    entry.rendered += m.rendered;
    entry.modules++;
    groups.set(g, entry);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, share: g.rendered / total, brotliShare: Math.round((g.rendered / total) * result.brotli) }))
    .sort((a, b) => b.rendered - a.rendered)
    .slice(0, top);
}

/** The newest mtime under `file` (a file or a folder). */
function newest(file) {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}
/** What ours.js and floor.js are built from (the harness is rebuilt every time: esbuild takes a second). */
const INPUTS = ['src', 'bench/floor.js', 'rollup.config.mjs', 'package-lock.json', 'tsconfig.build.json'];
const MANIFEST = path.join(OUT, 'built.json');

/** The largest single modules: rendered length and its brotli share. */
export function largestModules(result, { top = 20 } = {}) {
  const total = result.modules.reduce((n, m) => n + m.rendered, 0) || 1;
  return [...result.modules]
    .sort((a, b) => b.rendered - a.rendered)
    .slice(0, top)
    .map((m) => ({
      module: path.relative(ROOT, m.id.replace(/^\0/, '')),
      rendered: m.rendered,
      brotliShare: Math.round((m.rendered / total) * result.brotli),
    }));
}

/** Builds ours, the floor and the harness; reuses the last rollup builds when no input changed since (unless `rebuild`). */
export async function buildAll({ log = () => {}, rebuild = false } = {}) {
  mkdirSync(OUT, { recursive: true });
  await esbuild({
    entryPoints: [path.join(ROOT, 'bench', 'pages', 'harness.js')],
    outfile: path.join(OUT, 'harness.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  });
  if (!rebuild && existsSync(MANIFEST) && newest(MANIFEST) > Math.max(...INPUTS.map((p) => newest(path.join(ROOT, p))))) {
    log('reusing bench/results/build/ours.js and floor.js (no input changed since; --rebuild to build anyway)');
    return { ...JSON.parse(readFileSync(MANIFEST, 'utf8')), reused: true };
  }
  log('building ours (src/define.ts) and the floor (bench/floor.js) with rollup.config.mjs createConfig…');
  const ours = await rollupBuild(path.join(ROOT, 'src', 'define.ts'), 'ours.js', { dapp: true });
  const floor = await rollupBuild(path.join(ROOT, 'bench', 'floor.js'), 'floor.js');
  writeFileSync(MANIFEST, JSON.stringify({ ours, floor }));
  return { ours, floor, reused: false };
}
