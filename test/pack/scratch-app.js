// @ts-check
/**
 * A scratch app that installs the packed tarball the way a user would: `npm pack` of this repo
 * (no scripts: the build is `npm test`'s earlier stage), then `npm ci` of an app that depends on
 * the tarball and on its own `lit`. Offline first: the app's lockfile is cut from this repo's
 * package-lock.json (the packages the tarball's dependencies and `lit` reach, at the same places,
 * versions and integrity hashes), so every tarball comes from the npm cache `npm ci` filled here.
 * Only a cold cache falls back to the registry (`--prefer-offline`). Not a test file itself.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** @param {string} file */
const readJson = async (file) => JSON.parse(await readFile(file, 'utf8'));

/**
 * `npm pack` this repo into a new temporary folder.
 * @returns {Promise<{ dir: string, tarball: string, files: string[], pkg: Record<string, any> }>}
 */
export async function packRepo() {
  const dir = await mkdtemp(path.join(tmpdir(), 'wc-pack-'));
  const { stdout } = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [info] = JSON.parse(stdout);
  return {
    dir,
    tarball: path.join(dir, info.filename),
    files: info.files.map((/** @type {{ path: string }} */ f) => f.path),
    pkg: await readJson(path.join(ROOT, 'package.json')),
  };
}

/**
 * The lockfile entries a set of root dependencies reaches, found with Node's lookup (a package's
 * own node_modules, then each parent's), as npm laid them out in this repo.
 * @param {Record<string, any>} packages package-lock.json "packages"
 * @param {string[]} roots
 */
function reachable(packages, roots) {
  /** @type {Map<string, any>} */
  const out = new Map();
  /** @param {string} from lockfile key of the requiring package ('' for the app) @param {string} name */
  const locate = (from, name) => {
    for (let base = from; ;) {
      const key = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (packages[key]) return key;
      if (!base) return undefined;
      const i = base.lastIndexOf('/node_modules/');
      base = i < 0 ? '' : base.slice(0, i);
    }
  };
  /** @type {Array<[string, string, boolean]>} */
  const queue = roots.map((name) => ['', name, false]);
  while (queue.length) {
    const [from, name, optional] = /** @type {[string, string, boolean]} */ (queue.shift());
    const key = locate(from, name);
    if (!key) {
      if (optional) continue;
      throw new Error(`package-lock.json has no ${name} reachable from ${from || 'the root'}`);
    }
    if (out.has(key)) continue;
    const entry = packages[key];
    out.set(key, entry);
    for (const dep of Object.keys(entry.dependencies ?? {})) queue.push([key, dep, false]);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) queue.push([key, dep, true]);
    for (const dep of Object.keys(entry.peerDependencies ?? {})) {
      queue.push([key, dep, Boolean(entry.peerDependenciesMeta?.[dep]?.optional)]);
    }
  }
  return out;
}

/**
 * Creates an app in `dir` that depends on the tarball and on `lit` (the version this repo uses),
 * and installs it. Returns the app folder.
 * @param {{ dir: string, tarball: string, pkg: Record<string, any> }} packed
 */
export async function installScratchApp({ dir, tarball, pkg }) {
  const app = path.join(dir, 'app');
  const lock = await readJson(path.join(ROOT, 'package-lock.json'));
  const litVersion = lock.packages['node_modules/lit'].version;
  const tarballRef = `file:../${path.basename(tarball)}`;
  const dependencies = { [pkg.name]: tarballRef, lit: litVersion };

  /** @type {Record<string, any>} */
  const packages = {
    '': { name: 'scratch-app', version: '0.0.0', dependencies },
    [`node_modules/${pkg.name}`]: {
      version: pkg.version,
      resolved: tarballRef,
      integrity: `sha512-${createHash('sha512')
        .update(await readFile(tarball))
        .digest('base64')}`,
      license: pkg.license,
      dependencies: pkg.dependencies,
    },
  };
  for (const [key, entry] of reachable(lock.packages, [...Object.keys(pkg.dependencies ?? {}), 'lit'])) {
    // this repo's dev-only flags do not hold in the app
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...kept } = entry;
    packages[key] = kept;
  }
  await mkdir(app, { recursive: true });
  await writeFile(
    path.join(app, 'package.json'),
    `${JSON.stringify({ name: 'scratch-app', version: '0.0.0', private: true, type: 'module', dependencies }, null, 2)}\n`,
  );
  await writeFile(
    path.join(app, 'package-lock.json'),
    `${JSON.stringify({ name: 'scratch-app', version: '0.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );

  const args = ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
  try {
    await run(NPM, [...args, '--offline'], { cwd: app });
    return { app, offline: true, packages: Object.keys(packages).length - 1 };
  } catch (error) {
    if (!/ENOTCACHED|only-if-cached/.test(String(/** @type {any} */ (error).stderr ?? error))) throw error;
  }
  await run(NPM, [...args, '--prefer-offline'], { cwd: app });
  return { app, offline: false, packages: Object.keys(packages).length - 1 };
}
