// @ts-check
// custom-elements.json against the source and the README, so none of the three can drift: for each
// public element its attributes, public properties, events, parts, states and CSS properties as the
// source declares and uses them, and the README's section for it. Also the generated framework and
// editor files (dist/frameworks/) and the README's links. Needs `npm run build` (the build stage of
// `npm test` runs before this one).
//
//   npm run build && node --test test/node/manifest.test.js
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokensUsedBy, TOKEN_DESCRIPTIONS } from '../../custom-elements-manifest.config.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (/** @type {string} */ file) => readFileSync(path.join(ROOT, file), 'utf8');
const MANIFEST_FILE = path.join(ROOT, 'custom-elements.json');
assert.ok(existsSync(MANIFEST_FILE), 'custom-elements.json is missing: run `npm run build` first');
/** @type {any} */
const manifest = JSON.parse(readFileSync(MANIFEST_FILE, 'utf8'));
const README = read('README.md');
const pkg = JSON.parse(read('package.json'));

const TAGS = ['wc-provider', 'wc-connect', 'wc-session-list', 'wc-namespace-picker'];
/** Element-specific custom properties start with the tag name; everything else is a shared token. */
const isOwnProperty = (/** @type {string} */ tag, /** @type {string} */ name) => name.startsWith(`--${tag}-`);

/** @returns {{ mod: any, decl: any }} */
function element(/** @type {string} */ tag) {
  for (const mod of manifest.modules) {
    for (const decl of mod.declarations ?? []) if (decl.tagName === tag) return { mod, decl };
  }
  throw new Error(`no declaration for <${tag}> in custom-elements.json`);
}

/** dist/elements/x/x.js → src/elements/x/x.ts */
const srcOf = (/** @type {string} */ p) => p.replace(/^dist\/(.*)\.js$/, 'src/$1.ts');

/** The element's module and every module it imports from its own folder (templates, helpers). */
function folderSources(/** @type {string} */ srcPath) {
  const dir = path.dirname(srcPath);
  const seen = new Set();
  const todo = [srcPath];
  while (todo.length) {
    const file = /** @type {string} */ (todo.pop());
    if (seen.has(file) || !existsSync(path.join(ROOT, file))) continue;
    seen.add(file);
    for (const [, spec] of read(file).matchAll(/from\s*'(\.\/[^']+)'/g)) {
      todo.push(path.join(dir, spec.replace(/\.js$/, '.ts')));
    }
  }
  return [...seen].map((f) => read(f)).join('\n');
}

/** The README's section for a tag: from its `## \`<tag>\`` heading to the next `## `. */
function readmeSection(/** @type {string} */ tag) {
  const start = README.indexOf(`## \`<${tag}>\``);
  assert.ok(start >= 0, `README has a section for <${tag}>`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** `name` stands on its own in `text` (not as part of a longer name). */
const mentions = (/** @type {string} */ text, /** @type {string} */ name) =>
  new RegExp(`(^|[^a-zA-Z0-9-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-zA-Z0-9-])`).test(text);

/** Event names declared once in src/events.ts (`static readonly eventName = '…'`). */
const declaredEvents = new Set([...read('src/events.ts').matchAll(/static readonly eventName = '([^']+)'/g)].map((m) => m[1]));

const sorted = (/** @type {Iterable<string>} */ xs) => [...new Set(xs)].sort();

test('the manifest has the four public elements, each with a description and a definition export from its define file', () => {
  const tags = manifest.modules.flatMap((/** @type {any} */ m) =>
    (m.declarations ?? []).filter((/** @type {any} */ d) => d.customElement).map((/** @type {any} */ d) => d.tagName),
  );
  assert.deepEqual(sorted(tags), sorted(TAGS), 'exactly the public tags (the session item is internal)');
  for (const tag of TAGS) {
    const { decl } = element(tag);
    assert.ok(decl.description?.trim(), `<${tag}> has a description`);
    const defs = manifest.modules.flatMap((/** @type {any} */ m) =>
      (m.exports ?? [])
        .filter((/** @type {any} */ e) => e.kind === 'custom-element-definition' && e.name === tag)
        .map((/** @type {any} */ e) => ({ ...e, path: m.path })),
    );
    assert.equal(defs.length, 1, `<${tag}> has one custom-element-definition export`);
    assert.match(defs[0].path, /^dist\/elements\/[^/]+\/define\.js$/, `<${tag}> is defined by its define.js`);
    assert.equal(defs[0].declaration.name, decl.name);
  }
});

test('every module path names a file the package ships (dist/…js)', () => {
  const files = new Set();
  const walk = (/** @type {any} */ node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'path' || k === 'module') && typeof v === 'string') files.add(v);
      else walk(v);
    }
  };
  walk(manifest.modules);
  assert.ok(files.size > 10);
  for (const file of files) {
    assert.match(file, /^dist\/.*\.js$/, `${file} is a dist module`);
    assert.ok(existsSync(path.join(ROOT, file)), `${file} exists after the build`);
    assert.ok(pkg.files.includes('dist/'), 'dist/ is packed');
  }
});

test('no event without a name; every event has its class as its type and is declared in src/events.ts (the internal item: its own two)', () => {
  for (const mod of manifest.modules) {
    for (const decl of mod.declarations ?? []) {
      for (const ev of decl.events ?? []) {
        assert.ok(ev.name, `${decl.name}: an event without a name`);
        assert.ok(ev.type?.text, `${decl.name}: ${ev.name} has a type`);
        if (decl.internal) continue;
        assert.ok(declaredEvents.has(ev.name), `${decl.name}: ${ev.name} is declared in src/events.ts`);
      }
    }
  }
  const item = manifest.modules.flatMap((/** @type {any} */ m) => m.declarations ?? []).find((/** @type {any} */ d) => d.name === 'WcSessionListItem');
  const itemSource = read('src/elements/session-list/session-item.ts');
  const itemEvents = [...itemSource.matchAll(/static readonly eventName = '([^']+)'/g)].map((m) => m[1]);
  assert.deepEqual(sorted(item.events.map((/** @type {any} */ e) => e.name)), sorted(itemEvents), 'the item: its real event names');
});

for (const tag of TAGS) {
  test(`<${tag}>: manifest = source (attributes, events, parts, states, CSS properties) and README`, () => {
    const { mod, decl } = element(tag);
    const srcPath = srcOf(mod.path);
    const own = read(srcPath);
    const sources = folderSources(srcPath);
    const section = readmeSection(tag);

    // attributes: the element's @property({ attribute: '…' }) plus the namespace mixin's
    const attrSource = own + (/NamespaceAttributesMixin\(/.test(own) ? read('src/internal/namespace-attributes-mixin.ts') : '');
    const sourceAttrs = [...attrSource.matchAll(/@property\(\{[^}]*attribute: '([^']+)'/g)].map((m) => m[1]);
    const attrs = (decl.attributes ?? []).map((/** @type {any} */ a) => a.name);
    assert.deepEqual(sorted(attrs), sorted(sourceAttrs), 'attributes: manifest = @property({attribute}) in the source');
    for (const a of attrs) assert.ok(mentions(section, a), `README <${tag}> mentions attribute ${a}`);

    // public fields have descriptions
    for (const m of decl.members ?? []) {
      if (m.kind !== 'field' || m.privacy === 'private' || m.privacy === 'protected' || m.static) continue;
      assert.ok(m.description?.trim(), `public field ${decl.name}.${m.name} has a description`);
    }

    // events: manifest = the @fires of the class JSDoc; each in the README section (provider: the event table)
    const fires = [...own.matchAll(/@fires\s+(?:\{\w+\}\s+)?([a-z][a-z-]*)/g)].map((m) => m[1]);
    const events = (decl.events ?? []).map((/** @type {any} */ e) => e.name);
    assert.deepEqual(sorted(events), sorted(fires), 'events: manifest = @fires in the source');
    const eventText = tag === 'wc-provider' ? README : section;
    for (const e of events) assert.ok(mentions(eventText, `\`${e}\``), `README mentions event ${e}${tag === 'wc-provider' ? '' : ` in <${tag}>`}`);

    // parts: every literal part="…" of the templates is documented, every documented part is used
    const parts = (decl.cssParts ?? []).map((/** @type {any} */ p) => p.name);
    const literal = [...sources.matchAll(/\bpart="([^"$]+)"/g)].flatMap((m) => m[1].trim().split(/\s+/));
    for (const p of literal) assert.ok(parts.includes(p), `part "${p}" in a template is in the manifest`);
    const code = sources.replace(/^\s*\*.*$/gm, ''); // without JSDoc (the @csspart lines)
    for (const p of parts) {
      const inCode = new RegExp(`(part="[^"]*(?<![\\w-])${p}(?![\\w-])|['"\`]${p}['"\`])`).test(code);
      assert.ok(inCode, `manifest part "${p}" is used by a template (part="…" or a quoted name)`);
      assert.ok(mentions(section, p), `README <${tag}> mentions part ${p}`);
    }

    // states: each documented state is set by the source (setAll keys / the phase union), and in the README
    const states = (decl.cssStates ?? []).map((/** @type {any} */ s) => s.name);
    const stateSource = sources.replace(/^\s*\*.*$/gm, '');
    for (const s of states) {
      assert.ok(new RegExp(`(['"]${s}['"]|\\b${s}\\s*:)`).test(stateSource), `state "${s}" is set by the source`);
      assert.ok(mentions(section, s), `README <${tag}> mentions state ${s}`);
    }

    // CSS properties: exactly the --wc-* the element's styles read; own ones in its README section,
    // shared ones in the Theming table
    const used = tokensUsedBy(srcPath);
    const props = (decl.cssProperties ?? []).map((/** @type {any} */ p) => p.name);
    assert.deepEqual(sorted(props), sorted(used), 'CSS properties: manifest = the --wc-* its styles read');
    for (const p of decl.cssProperties ?? []) assert.ok(p.description?.trim(), `${p.name} has a description`);
    const theming = README.slice(README.indexOf('## Theming'), README.indexOf('\n## ', README.indexOf('## Theming') + 1));
    for (const p of props) {
      if (isOwnProperty(tag, p)) assert.ok(mentions(section, p), `README <${tag}> mentions ${p}`);
      else assert.ok(mentions(theming, p), `README Theming lists the shared token ${p}`);
    }
  });
}

test('every shared token has a description in the manifest config', () => {
  for (const tag of TAGS) {
    for (const p of tokensUsedBy(srcOf(element(tag).mod.path))) {
      if (!isOwnProperty(tag, p)) assert.ok(p in TOKEN_DESCRIPTIONS, `${p} (used by <${tag}>) is in TOKEN_DESCRIPTIONS`);
    }
  }
});

test('the README event table lists every controller event', () => {
  const table = [...README.matchAll(/^\| `(wc-[a-z-]+)` \|/gm)].map((m) => m[1]);
  const controller = read('src/events.ts').slice(0, read('src/events.ts').indexOf('// ---- user-intent events'));
  const names = [...controller.matchAll(/static readonly eventName = '([^']+)'/g)].map((m) => m[1]);
  assert.ok(names.length >= 10);
  for (const n of names) assert.ok(table.includes(n), `README event table has ${n}`);
});

test('the README links only to files in the repository', () => {
  const links = [...README.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  for (const link of links) {
    assert.doesNotMatch(link, /^[a-z]+:/i, `${link}: no link outside the repository`);
    assert.ok(existsSync(path.join(ROOT, link.split('#')[0])), `${link} exists`);
  }
  assert.doesNotMatch(README, /\.\.\/[a-zA-Z]/, 'no path outside the repository (../…)');
});

test('the generated framework and editor files name every public tag and its events', () => {
  const dir = path.join(ROOT, 'dist/frameworks');
  const react = readFileSync(path.join(dir, 'react.d.ts'), 'utf8');
  const vue = readFileSync(path.join(dir, 'vue.d.ts'), 'utf8');
  const html = JSON.parse(readFileSync(path.join(dir, 'vscode.html-custom-data.json'), 'utf8'));
  const webTypes = JSON.parse(readFileSync(path.join(dir, 'web-types.json'), 'utf8'));
  for (const tag of TAGS) {
    assert.ok(react.includes(`"${tag}":`), `react.d.ts has ${tag}`);
    assert.ok(vue.includes(`"${tag}":`), `vue.d.ts has ${tag}`);
    assert.ok(
      html.tags.some((/** @type {any} */ t) => t.name === tag),
      `VS Code custom data has ${tag}`,
    );
    assert.ok(
      webTypes.contributions.html.elements.some((/** @type {any} */ t) => t.name === tag),
      `web-types has ${tag}`,
    );
    for (const ev of element(tag).decl.events ?? []) assert.ok(react.includes(`"on${ev.name}"?:`), `react.d.ts: on${ev.name} on ${tag}`);
  }
  assert.doesNotMatch(react + vue, /"wc-session-list-item":/, 'the internal item is not offered');
  assert.equal(pkg['web-types'], './dist/frameworks/web-types.json');
});
