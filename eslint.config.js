// ESLint flat config: browser ES modules under public/, Node test files under test/.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['node_modules/**', 'test-output/**', 'bin/**'] },
  js.configs.recommended,
  {
    files: ['public/**/*.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.browser } },
    rules: {
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'innerHTML is banned for data: build nodes with h() (textContent).' },
        { property: 'outerHTML', message: 'outerHTML is banned: build nodes with h().' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'insertAdjacentHTML is banned.' }],
      'no-unused-vars': ['error', { args: 'none' }],
    },
  },
  {
    files: ['test/**/*.js', 'test/**/*.mjs', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
  },
  {
    // Callbacks passed to page.waitForFunction / addInitScript run inside the browser.
    files: ['test/browser/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
];
