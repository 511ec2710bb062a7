// Pre-bundles the CommonJS-laden dependencies (the WalletConnect SDK, qrcode) into browser ESM for
// @web/test-runner, the way Vite's optimizeDeps does. The dev server serves ES modules file by
// file and cannot give a CommonJS module like `events` named exports (`import { EventEmitter }
// from 'events'` fails), while esbuild's bundler handles that interop. Everything lands in
// node_modules/.cache/wc-test-deps/ as real files (one esbuild run with code splitting, so modules
// shared by two entries exist once), and bare imports of those packages are redirected there.
// The output directory is keyed by a hash of the inputs (entries, options, package-lock.json), so
// later runs reuse it and concurrent runs never delete each other's files.
// Lit and the test libraries are ESM and keep going through the normal node-resolve path.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The packages to pre-bundle: the runtime dependencies except the Lit family, every devDependency
 * aliased to a WalletConnect package (e.g. sign-client-2215 → an older sign-client), and the
 * WalletConnect packages tests commonly import directly, and deep CommonJS imports of our own.
 */
function defaultEntries(rootDir) {
  const pkg = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8'));
  const isLit = (n) => n === 'lit' || n.startsWith('@lit/') || n.startsWith('@lit-labs/');
  const names = new Set(Object.keys(pkg.dependencies ?? {}).filter((n) => !isLit(n)));
  for (const [name, spec] of Object.entries(pkg.devDependencies ?? {})) {
    if (typeof spec === 'string' && spec.startsWith('npm:@walletconnect/')) names.add(name);
  }
  names.add('@walletconnect/core');
  names.add('qrcode/lib/core/qrcode.js'); // <wc-connect> imports only the encoder
  return [...names];
}

function readIfExists(file) {
  try {
    return readFileSync(file);
  } catch {
    return '';
  }
}

/** Drops other keys' output older than a day (a concurrent run may still use a recent one). */
function pruneOld(cacheDir, keep) {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of readdirSync(cacheDir)) {
    if (name === keep) continue;
    const dir = path.join(cacheDir, name);
    try {
      if (statSync(dir).mtimeMs < dayAgo) rmSync(dir, { recursive: true, force: true });
    } catch {
      // gone already
    }
  }
}

/**
 * @param {{ rootDir?: string, entries?: string[], target?: string, outDir?: string }} [options]
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
export function prebundlePlugin(options = {}) {
  const rootDir = path.resolve(options.rootDir ?? process.cwd());
  const cacheDir = path.resolve(rootDir, options.outDir ?? 'node_modules/.cache/wc-test-deps');
  const require = createRequire(path.join(rootDir, 'package.json'));
  /** @type {Map<string, string>} bare specifier → URL path served by the dev server */
  const map = new Map();

  return {
    name: 'wc-prebundle-deps',
    async serverStart({ logger }) {
      const entryPoints = {};
      for (const name of options.entries ?? defaultEntries(rootDir)) {
        try {
          require.resolve(name);
        } catch {
          try {
            require.resolve(`${name}/package.json`);
          } catch {
            continue; // not installed: leave it to node-resolve (and its error)
          }
        }
        entryPoints[name.replace(/^@/, '').replace(/[^\w.-]+/g, '__')] = name;
      }
      const buildOptions = {
        absWorkingDir: rootDir,
        entryPoints,
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'browser', // honours `browser` fields; `events` & co. come from node_modules
        target: options.target ?? 'es2022',
        conditions: ['browser', 'development'],
        sourcemap: 'linked',
        logLevel: 'error',
        // keep one Lit in the page if a pre-bundled package happens to import it
        external: ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', '@lit-labs/*'],
      };
      const key = createHash('sha256')
        .update(JSON.stringify(buildOptions))
        .update(readIfExists(path.join(rootDir, 'package-lock.json')))
        .update(readIfExists(new URL(import.meta.url)))
        .digest('hex')
        .slice(0, 16);
      const outDir = path.join(cacheDir, key);
      const started = Date.now();
      let how = 'reused';
      if (!existsSync(path.join(outDir, '.complete'))) {
        how = 'pre-bundled';
        const tmp = `${outDir}.tmp-${process.pid}-${Date.now()}`;
        await build({ ...buildOptions, outdir: tmp });
        writeFileSync(path.join(tmp, '.complete'), new Date().toISOString());
        try {
          renameSync(tmp, outDir);
        } catch {
          rmSync(tmp, { recursive: true, force: true }); // another run got there first
          if (!existsSync(path.join(outDir, '.complete'))) throw new Error(`prebundle: cannot create ${outDir}`);
        }
        pruneOld(cacheDir, key);
      }
      for (const [file, name] of Object.entries(entryPoints)) {
        map.set(
          name,
          `/${path
            .relative(rootDir, path.join(outDir, `${file}.js`))
            .split(path.sep)
            .join('/')}`,
        );
      }
      logger.log?.(`[wc-prebundle-deps] ${map.size} packages ${how} in ${Date.now() - started} ms`);
    },
    resolveImport({ source }) {
      return map.get(source);
    },
  };
}
