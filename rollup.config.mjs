// The CDN bundle: src/define.ts (every public export + the tag definitions) → dist/wc-elements.js,
// one self-contained, minified ES module with Lit, @lit/context, qrcode and the WalletConnect SDK
// inside, a one-line licence banner on top, and dist/THIRD-PARTY-NOTICES.txt listing every package
// the bundle holds (with its licence text). The unbundled modules and their types come from
// `tsc -p tsconfig.build.json`, the manifest from `cem analyze`.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import license from 'rollup-plugin-license';
import { transform } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = (p) => fileURLToPath(new URL(p, import.meta.url));

const pkg = JSON.parse(readFileSync(root('package.json'), 'utf8'));

/** The bundle's first line: who made it, under which licence, where the bundled packages' notices are. */
export const BANNER = `/*! ${pkg.name} ${pkg.version} | ${pkg.license} | bundles third-party code: see THIRD-PARTY-NOTICES.txt */`;

/** THIRD-PARTY-NOTICES.txt: one section per bundled package, sorted, so builds stay byte-identical. */
function noticesText(dependencies) {
  const rule = '-'.repeat(78);
  const sections = [...dependencies]
    .sort((a, b) => `${a.name}@${a.version}`.localeCompare(`${b.name}@${b.version}`, 'en'))
    .map((dep) => {
      const source = dep.homepage || (typeof dep.repository === 'string' ? dep.repository : dep.repository?.url);
      const lines = [`${dep.name}@${dep.version}`, `License: ${dep.license ?? 'not stated'}`];
      if (source) lines.push(`Source: ${source}`);
      lines.push('', (dep.licenseText ?? `(no licence file in the package; its package.json says ${dep.license})`).trim());
      if (dep.noticeText) lines.push('', dep.noticeText.trim());
      return lines.join('\n');
    });
  return [
    `${pkg.name} ${pkg.version} (${pkg.license}; see LICENSE) bundles the following packages into`,
    `dist/wc-elements.js. Their licences and notices follow.`,
    '',
    ...sections.flatMap((section) => [rule, section, '']),
  ].join('\n');
}

/** Writes the notices file from the modules actually in the bundle. */
const thirdPartyNotices = (file) =>
  license({
    thirdParty: {
      multipleVersions: true,
      includePrivate: true,
      output: { file, template: noticesText },
    },
  });

const inNodeModules = (id) => typeof id === 'string' && /[\\/]node_modules[\\/]/.test(id);

/** Warnings that are the SDK's business, not ours. */
function isDependencyNoise(warning) {
  switch (warning.code) {
    case 'THIS_IS_UNDEFINED': // TS-emitted `this && this.__awaiter` helpers in CJS deps
      return true;
    case 'CIRCULAR_DEPENDENCY':
      return (warning.ids ?? []).every(inNodeModules);
    case 'EVAL':
    case 'MODULE_LEVEL_DIRECTIVE':
    case 'SOURCEMAP_ERROR':
    case 'INVALID_ANNOTATION':
      return inNodeModules(warning.id ?? warning.loc?.file);
    default:
      return false;
  }
}

/** Warnings that mean the bundle is broken: fail the build on them. */
const FATAL = new Set(['UNRESOLVED_IMPORT', 'MISSING_EXPORT', 'MISSING_GLOBAL_NAME', 'NAMESPACE_CONFLICT']);

function onwarn(warning, warn) {
  if (isDependencyNoise(warning)) return;
  if (FATAL.has(warning.code)) throw new Error(`${warning.code}: ${warning.message}`);
  warn(warning);
}

/** The output must not import anything: it is loaded from a CDN as one file. */
function selfContained() {
  return {
    name: 'self-contained',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const imports = [...chunk.imports, ...chunk.dynamicImports];
        if (imports.length) this.error(`${chunk.fileName} is not self-contained; it imports ${imports.join(', ')}`);
      }
    },
  };
}

/** `./x.js` in a TS source means `./x.ts` (or `./x.tsx`). */
function resolveTsFromJs(source, importer) {
  if (!importer || !/\.[cm]?tsx?$/.test(importer) || !/^\.\.?\//.test(source)) return null;
  const js = path.resolve(path.dirname(importer), source);
  for (const candidate of [js.replace(/\.([cm]?)js$/, '.$1ts'), js.replace(/\.js$/, '.tsx')]) {
    if (candidate !== js && existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * TypeScript → JS with esbuild, file by file (types are `npm run typecheck`'s job): the transform
 * the browser tests use. Its decorator lowering makes the bundle ~2 KB (gzip) larger than tsc's.
 */
function esbuildTypescript({ target = 'es2022' } = {}) {
  return {
    name: 'esbuild-typescript',
    resolveId: resolveTsFromJs,
    async transform(code, id) {
      if (!/\.[cm]?tsx?$/.test(id) || id.endsWith('.d.ts')) return null;
      const result = await transform(code, {
        loader: id.endsWith('x') ? 'tsx' : 'ts',
        format: 'esm',
        target,
        sourcemap: true,
        sourcefile: id,
        tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, experimentalDecorators: false } },
      });
      for (const w of result.warnings) this.warn(w.text);
      return { code: result.code, map: result.map };
    },
  };
}

/**
 * TypeScript → JS with the TypeScript compiler, file by file (`transpileModule`: no type checking,
 * that is `npm run typecheck`'s job; needs `isolatedModules`, which tsconfig.json sets). Emits
 * exactly what tsc / @rollup/plugin-typescript would, without building the whole program first.
 * Helpers come from tslib, deduped with the SDK's copies.
 */
function tsTranspile({ tsconfig }) {
  const ts = require('typescript');
  const { config, error } = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(tsconfig));
  const compilerOptions = {
    ...options,
    noEmit: false,
    declaration: false,
    emitDeclarationOnly: false,
    declarationMap: false,
    sourceMap: true,
    inlineSourceMap: false,
    inlineSources: false,
    importHelpers: true,
    module: ts.ModuleKind.ESNext,
  };
  return {
    name: 'ts-transpile',
    resolveId: resolveTsFromJs,
    transform(code, id) {
      if (!/\.[cm]?tsx?$/.test(id) || id.endsWith('.d.ts')) return null;
      const out = ts.transpileModule(code, { fileName: id, compilerOptions, reportDiagnostics: false });
      const map = JSON.parse(out.sourceMapText ?? 'null');
      if (map) map.sources = [id];
      return { code: out.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map };
    },
  };
}

/**
 * `@walletconnect/keyvaluestorage` reads `localStorage` at module load: where that getter throws
 * (sandboxed iframe, blocked storage) the whole bundle failed before any tag was defined. The
 * bundle gets our own storage module in its place (the SDK only falls back to it).
 */
function keyValueStorageShim() {
  const shim = root('src/internal/keyvaluestorage-shim.ts');
  return {
    name: 'keyvaluestorage-shim',
    resolveId: (source) => (source === '@walletconnect/keyvaluestorage' ? shim : null),
  };
}

/**
 * Packages the bundle can never reach, replaced at bundle time by stubs that throw. `@walletconnect/utils`
 * imports them only for the tx-hash helpers `getAlgorandTransactionId` (`@msgpack/msgpack`) and
 * `buildSignedExtrinsicHash` (`blakejs`), which sign-client calls only from `getTVFParams` with a wallet's
 * result, i.e. in `respond()` (wallet side; our controller is a dapp and never responds; sign-client
 * catches and logs there anyway). −7 KB brotli. A stub throws a clear Error, never returns a value.
 */
export const UNREACHABLE = {
  '@msgpack/msgpack': ['decode', 'encode'],
  blakejs: ['blake2b'],
};
function unreachableStubs(stubs = UNREACHABLE) {
  const PREFIX = '\0wc-unreachable:';
  return {
    name: 'unreachable-stubs',
    resolveId: (source) => (Object.hasOwn(stubs, source) ? PREFIX + source : null),
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const name = id.slice(PREFIX.length);
      const message = (fn) => `wc-elements: ${name} ${fn}() is not in the CDN bundle (only a wallet's respond() reaches it)`;
      return stubs[name].map((fn) => `export function ${fn}() {\n  throw new Error(${JSON.stringify(message(fn))});\n}\n`).join('');
    },
  };
}

/**
 * `viem` in the bundle is scripts/bundle/recover-address.js (its one export `@walletconnect/utils` uses),
 * whose @noble imports resolve from viem's own folder, so the curve code is the copy viem would load.
 */
function viemRecoverAddress() {
  const shim = root('scripts/bundle/recover-address.js');
  const viem = require.resolve('viem');
  return {
    name: 'viem-recover-address',
    resolveId(source, importer) {
      if (source === 'viem') return shim;
      if (importer === shim && source.startsWith('@noble/')) return this.resolve(source, viem, { skipSelf: true });
      return null;
    },
  };
}

/**
 * CommonJS dependencies (@walletconnect/time, /environment) `require('tslib')` for `__exportStar`; a require
 * of tslib's ES build keeps its default export, i.e. every helper. They get a module with only the helpers
 * that one needs (−2 KB brotli; our own modules still import tslib itself); the build fails if a CommonJS
 * dependency uses any other helper.
 */
function tslibForCommonJs() {
  const SLIM = '\0tslib-for-commonjs';
  const HELPERS = ['__exportStar', '__createBinding'];
  return {
    name: 'tslib-for-commonjs',
    resolveId(source, importer) {
      if (source !== 'tslib' || !inNodeModules(importer)) return null;
      const file = importer.replace(/^\0/, '').replace(/\?.*$/, '');
      const code = existsSync(file) ? readFileSync(file, 'utf8') : '';
      if (!/require\(\s*["']tslib["']\s*\)/.test(code)) return null;
      for (const [, helper] of code.matchAll(/\btslib\w*\.(__\w+)/g)) {
        if (!HELPERS.includes(helper)) this.error(`${file} uses tslib's ${helper}: add it to tslibForCommonJs in rollup.config.mjs`);
      }
      return SLIM;
    },
    load: (id) => (id === SLIM ? `export { ${HELPERS.join(', ')} } from 'tslib';\n` : null),
  };
}

/**
 * @param {{ input?: string, file?: string, tsconfig?: string, minify?: boolean, transpiler?: 'tsc' | 'esbuild' | 'typescript', banner?: string, notices?: string | null, dapp?: boolean }} [options]
 * @returns {import('rollup').RollupOptions}
 */
export function createConfig({
  input = root('src/define.ts'),
  file = root('dist/wc-elements.js'),
  tsconfig = root('tsconfig.build.json'),
  minify = true,
  transpiler = 'tsc', // 'tsc' (transpileModule), 'esbuild', or 'typescript' (@rollup/plugin-typescript)
  banner = undefined, // a first line for the output (terser keeps /*! comments)
  notices = null, // where to write the bundled packages' licences, or null
  dapp = false, // the CDN file (a dapp only): wallet-only SDK paths stubbed, viem cut to recoverAddress
} = {}) {
  return {
    input,
    output: {
      file,
      format: 'es',
      sourcemap: true,
      banner,
      inlineDynamicImports: true,
      generatedCode: { preset: 'es2015', constBindings: true },
    },
    onwarn,
    plugins: [
      keyValueStorageShim(),
      dapp ? unreachableStubs() : null,
      dapp ? viemRecoverAddress() : null,
      tslibForCommonJs(),
      transpiler === 'esbuild' ? esbuildTypescript() : null,
      transpiler === 'tsc' ? tsTranspile({ tsconfig }) : null,
      // browser: the `browser` fields/conditions; preferBuiltins: false bundles the `events`
      // package instead of leaving `import 'events'` external. Lit's default (production) build.
      nodeResolve({ browser: true, preferBuiltins: false, dedupe: ['tslib'] }),
      commonjs(),
      json(),
      transpiler === 'typescript'
        ? typescript({
            tsconfig,
            // JS out for Rollup; the .d.ts files are written by `npm run build:modules`
            compilerOptions: {
              noEmit: false,
              declaration: false,
              emitDeclarationOnly: false,
              sourceMap: true,
              outDir: path.dirname(file), // the plugin insists it sits beside the output
            },
            noEmitOnError: false, // `npm run typecheck` is the type gate
          })
        : null,
      // Whitespace inside html`` and css`` templates is kept by terser; strip it from our own.
      minify && minifyHTML({ include: ['src/**'] }),
      minify &&
        terser({
          module: true,
          ecma: 2020,
          compress: { passes: 2 },
          format: { comments: 'some' }, // keep @license / /*! notices
        }),
      notices ? thirdPartyNotices(notices) : null,
      selfContained(),
    ],
  };
}

// a function, so importing createConfig elsewhere builds nothing
export default () => createConfig({ banner: BANNER, notices: root('dist/THIRD-PARTY-NOTICES.txt'), dapp: true });
