// `npm run build:manifest` → custom-elements.json (package.json "customElements").
export default {
  // the mixin holds the namespace attributes of three elements
  globs: ['src/elements/**/*.ts', 'src/internal/namespace-attributes-mixin.ts'],
  // define.ts files stay in: their customElements.define calls give the classes their tag names
  exclude: ['src/**/*.test.ts', 'src/**/*.spec.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
};
