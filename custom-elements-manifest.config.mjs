// `npm run build:manifest` → custom-elements.json (package.json "customElements").
export default {
  globs: ['src/elements/**/*.ts'],
  // define.ts files stay in: their customElements.define calls give the classes their tag names
  exclude: ['src/**/*.test.ts', 'src/**/*.spec.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
};
