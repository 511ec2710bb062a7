// `npm run build:manifest` → custom-elements.json (package.json "customElements"), and from it the
// framework and editor files in dist/frameworks/ (React JSX, Vue GlobalComponents, VS Code custom
// data, JetBrains web-types). test/node/manifest.test.js compares the manifest with the source and
// the README.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsxTypesPlugin } from '@wc-toolkit/jsx-types';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
/** Where the generated framework / editor files go (package.json "exports" → ./react, ./vue, …). */
const FRAMEWORKS = 'dist/frameworks';
mkdirSync(path.join(ROOT, FRAMEWORKS), { recursive: true });

/** Tags registered only because a public element renders them; not part of the public API. */
const INTERNAL_TAGS = new Set(['wc-session-list-item']);

/**
 * The shared theme tokens: what each one does. Which element uses which is read from its styles
 * (see `sharedTokens`), not kept by hand.
 */
export const TOKEN_DESCRIPTIONS = {
  '--wc-accent': 'Shared accent colour (buttons, focus ring, active markers).',
  '--wc-color-on-accent': 'Shared text colour on the accent colour.',
  '--wc-color-text': 'Shared text colour.',
  '--wc-color-surface': 'Shared panel / dialog background.',
  '--wc-color-border': 'Shared border colour.',
  '--wc-color-muted': 'Shared secondary text colour.',
  '--wc-color-danger': 'Shared error colour.',
  '--wc-radius': 'Shared corner radius.',
  '--wc-font-family': 'Shared font family.',
  '--wc-font-family-mono': 'Shared monospace font (URIs, addresses).',
  '--wc-font-size': 'Shared base font size.',
  '--wc-focus-ring-width': 'Shared focus ring width.',
  '--wc-focus-ring-color': 'Shared focus ring colour (falls back to `--wc-accent`).',
  '--wc-chip-background': 'Shared chip (chain, method) background.',
  '--wc-chip-color': 'Shared chip text colour.',
};

/** A module's relative imports, resolved to .ts files inside src/. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const [, spec] of text.matchAll(/(?:from|import)\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    out.push(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  return out;
}

/**
 * Every `--wc-*` custom property an element reads: its own module and the modules it imports from
 * its own folder and src/styles/ (templates, style files, the shared styles), followed recursively.
 */
export function tokensUsedBy(modulePath) {
  const start = path.join(ROOT, modulePath);
  const dir = path.dirname(start);
  const styles = path.join(ROOT, 'src/styles');
  const seen = new Set();
  const todo = [start];
  const tokens = new Set();
  while (todo.length) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const [, name] of text.matchAll(/var\(\s*(--wc-[a-z0-9-]+)/g)) tokens.add(name);
    for (const dep of importsOf(file)) {
      if (dep.endsWith('.test.ts')) continue;
      if (path.dirname(dep) === dir || dep.startsWith(styles + path.sep)) todo.push(dep);
    }
  }
  return tokens;
}

/** `export class X … static readonly eventName = 'x'` pairs of the files that declare events. */
function eventClassNames() {
  const names = new Map();
  for (const file of ['src/events.ts', 'src/elements/session-list/session-item.ts']) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/static readonly eventName = '([^']+)'/g)) {
      const cls = [...text.slice(0, m.index).matchAll(/\bclass (\w+)/g)].at(-1)?.[1];
      if (cls) names.set(cls, m[1]);
    }
  }
  return names;
}

const toDist = (p) => p.replace(/^\/?src\/(.*)\.[jt]s$/, 'dist/$1.js');

/**
 * Makes the manifest honest:
 * - events: the analyzer names an event dispatched as `new XEvent(a, b)` after its first argument
 *   (or not at all); each event gets the real name of its class (`static eventName`) and its type,
 *   nameless events go, duplicates merge;
 * - every public element has a description (its `@summary` when it has no longer text);
 * - cssProperties: every shared `--wc-*` token the element's styles actually read is listed;
 * - definition exports: `defineElement('wc-x', WcX)` (house helper) is not seen by the analyzer, so
 *   each `define.ts` gets its `custom-element-definition` export;
 * - module paths point at the shipped JavaScript (dist/…js), not the TypeScript source.
 */
function honestManifest() {
  return {
    name: 'wc-honest-manifest',
    packageLinkPhase({ customElementsManifest }) {
      const classEvents = eventClassNames();
      const byName = new Map([...classEvents].map(([cls, name]) => [name, cls]));
      const declModule = new Map();
      for (const mod of customElementsManifest.modules ?? []) {
        for (const decl of mod.declarations ?? []) {
          if (decl.kind === 'class') declModule.set(decl.name, mod.path);
          if (!decl.events) continue;
          const merged = new Map();
          for (const ev of decl.events) {
            const cls = ev.type?.text;
            const name = (cls && classEvents.get(cls)) || ev.name;
            if (!name) continue;
            const type = ev.type ?? (byName.has(name) ? { text: byName.get(name) } : undefined);
            const prev = merged.get(name);
            merged.set(name, { ...prev, ...ev, name, ...(type ? { type } : {}), description: ev.description ?? prev?.description });
            if (!merged.get(name).description) delete merged.get(name).description;
          }
          decl.events = [...merged.values()];
        }
      }
      for (const mod of customElementsManifest.modules ?? []) {
        for (const decl of mod.declarations ?? []) {
          if (!decl.customElement) continue;
          if (!decl.description && decl.summary) decl.description = decl.summary;
          // `_status`, `_now`: Lit @state fields, private by the house naming rule
          for (const m of decl.members ?? []) if (m.name.startsWith('_')) m.privacy = 'private';
          const listed = new Set((decl.cssProperties ?? []).map((p) => p.name));
          for (const token of [...tokensUsedBy(mod.path)].sort()) {
            if (listed.has(token)) continue;
            if (!(token in TOKEN_DESCRIPTIONS)) continue; // an element's own property it does not document is a source bug the test reports
            (decl.cssProperties ??= []).push({ name: token, description: TOKEN_DESCRIPTIONS[token] });
          }
        }
        if (/\/define\.ts$/.test(mod.path)) {
          const text = readFileSync(path.join(ROOT, mod.path), 'utf8');
          for (const [, tag, cls] of text.matchAll(/defineElement\(\s*'([^']+)',\s*(\w+)\s*\)/g)) {
            if (INTERNAL_TAGS.has(tag)) continue;
            mod.exports = (mod.exports ?? []).filter((e) => !(e.kind === 'custom-element-definition' && e.name === tag));
            mod.exports.push({ kind: 'custom-element-definition', name: tag, declaration: { name: cls, module: declModule.get(cls) } });
          }
        }
      }
      const walk = (node) => {
        if (Array.isArray(node)) return node.forEach(walk);
        if (!node || typeof node !== 'object') return;
        for (const [key, value] of Object.entries(node)) {
          if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = toDist(value);
          else walk(value);
        }
      };
      walk(customElementsManifest.modules);
    },
  };
}

/**
 * Keeps internal elements out of the public tag list: their declaration stays (the list's `item`
 * part documents it) but loses `customElement` / `tagName`, so editors and docs generators do not
 * offer the tag, and says so with `"internal": true` and its description.
 */
function markInternalTags() {
  return {
    name: 'wc-mark-internal-tags',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const decl of mod.declarations ?? []) {
          if (!INTERNAL_TAGS.has(decl.tagName)) continue;
          const tag = decl.tagName;
          delete decl.customElement;
          delete decl.tagName;
          decl.internal = true;
          decl.description = `Internal: <${tag}> is rendered by <wc-session-list> and is not a public element; it may change without notice.${decl.description ? `\n\n${decl.description}` : ''}`;
        }
        mod.exports = (mod.exports ?? []).filter((e) => !(e.kind === 'custom-element-definition' && INTERNAL_TAGS.has(e.name)));
      }
    },
  };
}

/**
 * The generators import only the element classes; the React and Vue files also name the event
 * classes (`WcUriCopyEvent`, …). Every `Wc…` type a file uses is imported from the main entry.
 */
function importEventTypes(files) {
  return {
    name: 'wc-import-event-types',
    packageLinkPhase() {
      for (const file of files) {
        const abs = path.join(ROOT, FRAMEWORKS, file);
        let text = readFileSync(abs, 'utf8');
        const head = /import type \{[^}]*\} from "\.\.\/index\.js";/;
        const declared = new Set([...text.matchAll(/\btype (Wc\w+)/g)].map((m) => m[1]));
        const used = [...new Set([...text.matchAll(/\b(Wc[A-Z]\w*)\b/g)].map((m) => m[1]))].filter((n) => !declared.has(n)).sort();
        text = text.replace(head, `import type {\n  ${used.join(',\n  ')},\n} from "../index.js";`);
        // Vue's generator wraps each event class in CustomEvent<…>; the classes are the events
        text = text.replace(/CustomEvent<(Wc\w+Event)>/g, '$1');
        // Vue templates normalise `project-id` to `projectId` and `@wc-uri-copy` to `onWcUriCopy`
        // before checking props; the generator lists only the dashed names
        if (file === 'vue.d.ts') {
          // Vue's own JSX (jsxImportSource: 'vue') reads GlobalComponents; the generator's extra global
          // JSX.IntrinsicElements would clash with React's in a project that loads both files
          text = text.replace(/\ndeclare global \{\n {2}namespace JSX \{[\s\S]*?\n {2}\}\n\}\n?/, '\n');
          const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
          text = text.replace(/^( +)"(on)?([a-z][a-z0-9-]*)"(\?: .*;)$/gm, (line, indent, on, name, rest) => {
            const alias = on ? `on${camel(`-${name}`)}` : camel(name);
            return `${line}\n${indent}${alias}${rest}`;
          });
        }
        writeFileSync(abs, text);
        // a module for the `types`-only subpath exports (./react, ./vue) to point `default` at
        writeFileSync(abs.replace(/\.d\.ts$/, '.js'), '// Types only: see the .d.ts file beside this one.\nexport {};\n');
      }
    },
  };
}

export default {
  // the mixin holds the namespace attributes of three elements
  globs: ['src/elements/**/*.ts', 'src/internal/namespace-attributes-mixin.ts'],
  // define.ts files stay in: their customElements.define calls give the classes their tag names
  exclude: ['src/**/*.test.ts', 'src/**/*.spec.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [
    markInternalTags(),
    honestManifest(),
    // the element classes are exported by the main entry, dist/index.js
    jsxTypesPlugin({ outdir: FRAMEWORKS, fileName: 'react.d.ts', globalTypePath: '../index.js', stronglyTypedEvents: true }),
    customElementVuejsPlugin({ outdir: FRAMEWORKS, fileName: 'vue.d.ts', globalTypePath: '../index.js', hideLogs: true }),
    customElementVsCodePlugin({
      outdir: FRAMEWORKS,
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
      hideLogs: true,
    }),
    customElementJetBrainsPlugin({ outdir: FRAMEWORKS, webTypesFileName: 'web-types.json', hideLogs: true, packageJson: false }),
    importEventTypes(['react.d.ts', 'vue.d.ts']),
  ],
};
