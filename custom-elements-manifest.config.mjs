// `npm run build:manifest` → custom-elements.json (package.json "customElements").

/** Tags registered only because a public element renders them; not part of the public API. */
const INTERNAL_TAGS = new Set(['wc-session-list-item']);

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
        mod.exports = (mod.exports ?? []).filter(
          (e) => !(e.kind === 'custom-element-definition' && INTERNAL_TAGS.has(e.name)),
        );
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
  plugins: [markInternalTags()],
};
