// ESLint 9 flat config: typescript-eslint + the Lit, web-component and Lit a11y plugins.
//   npm run lint        (eslint .)
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

const TS = ['**/*.ts'];
const BROWSER_CODE = ['src/**/*.ts', 'test/**/*.ts', 'demo/**/*.{js,ts}'];
const NODE_CODE = [
  'demo/server/**/*.js',
  'bench/*.mjs',
  'scripts/**/*.{js,mjs}',
  'test/node/**/*.js',
  'test/e2e/**/*.js',
  'test/pack/**/*.js',
  '*.{js,mjs,cjs}',
  '**/*.config.{js,mjs,cjs}',
];

export default defineConfig([
  globalIgnores(['dist/', 'bench/results/', 'coverage/', 'node_modules/', 'custom-elements.json', 'test/e2e/screenshots/', '**/*.d.ts']),

  // everything
  js.configs.recommended,
  {
    rules: {
      // stripping control / bidi characters from peer metadata is exactly what such regexes are for
      'no-control-regex': 'off',
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },

  // TypeScript
  {
    files: TS,
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `interface X { addEventListener<K …> }` merged into `class X extends EventTarget` is how the
      // controller types its events (see STYLE.md, Events)
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
    },
  },

  // browser code: Lit, custom elements, a11y of Lit templates
  {
    files: BROWSER_CODE,
    ignores: ['demo/server/**', '**/*.config.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.browser } },
    settings: { wc: { elementBaseClasses: ['LitElement', 'HTMLElement'] } },
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended'], litA11y.configs.recommended],
    rules: {
      'lit/lifecycle-super': 'error',
      'lit/no-legacy-imports': 'error',
      'lit/no-native-attributes': 'error',
      'lit/no-this-assign-in-render': 'error',
      'lit/no-template-bind': 'error',
      'lit/no-invalid-escape-sequences': 'error',
      'lit/no-value-attribute': 'error',
      'lit/prefer-static-styles': 'error',
      'lit/attribute-names': 'error',
      'wc/no-constructor-params': 'error',
      'wc/no-closed-shadow-root': 'error',
      'wc/no-typos': 'error',
      'wc/no-invalid-extends': 'error',
      'wc/require-listener-teardown': 'error',
    },
  },

  // the controller owns state without Lit: usable and testable alone (STYLE.md, One owner of state)
  {
    files: ['src/controller/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*'],
              message: 'src/controller/ imports no Lit; Lit adapters live in src/lit/.',
            },
            { group: ['**/lit/*', '**/elements/*', '**/elements/**'], message: 'src/controller/ does not depend on the Lit adapters or the elements.' },
          ],
        },
      ],
    },
  },

  // tests
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.mocha } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-expressions': 'off', // chai: expect(x).to.be.true
      'no-unused-expressions': 'off',
    },
  },

  // Node: the dev servers, tooling, node and e2e tests, config files
  {
    files: NODE_CODE,
    languageOptions: { globals: { ...globals.node } },
  },
  // the bench's pages and its floor element run in the browser
  {
    files: ['bench/pages/**/*.js', 'bench/floor.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // the bench's runner also holds functions that run in the page (page.evaluate, waitForFunction)
  {
    files: ['bench/run.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  // e2e and pack tests also hold functions that run in the page (page.evaluate, waitForFunction)
  {
    files: ['test/e2e/**/*.js', 'test/pack/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
]);
