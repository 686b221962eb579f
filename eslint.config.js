// `npm run lint` (with prettier --check and scripts/check-cycles.ts). The recommended sets of
// ESLint, typescript-eslint, and the web component, Lit and Lit accessibility plugins; a rule
// is turned off only with the reason beside it.
import js from '@eslint/js';
import litA11y from 'eslint-plugin-lit-a11y';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_FILES = [
  'src/server/**',
  'test/server/**',
  'test/e2e/**',
  'test/helpers/node/**',
  'test/*.mjs',
  'test/helpers/*.mjs',
  'bench/**',
  'scripts/**',
  '*.{js,mjs,ts}',
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'examples/*/dist/',
      'node_modules/',
      'src/generated/',
      'screenshots/',
      'bench/results/',
      '.data/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {globals: {...globals.browser}},
    rules: {
      // `_name` marks an argument a signature needs but the body does not (the code's convention).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_'},
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'test/components/**/*.ts', 'test/agent/**/*.ts', 'test/core/**/*.ts'],
    ignores: ['src/server/**'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'test/components/**/*.ts', 'test/agent/**/*.ts'],
    ignores: ['src/server/**'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/server/**'],
    plugins: litA11y.configs.recommended.plugins,
    rules: litA11y.configs.recommended.rules,
  },
  {
    files: NODE_FILES,
    languageOptions: {globals: {...globals.node}},
  },
  {
    files: ['test/components/**', 'test/agent/**', 'test/core/**'],
    languageOptions: {globals: {...globals.mocha}},
    rules: {
      // Chai's property assertions (`expect(x).to.be.true`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: {
      // Tests and tools read the server's JSON untyped; `any` there keeps assertions short.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
