import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/**
 * Forbids value imports of the given folders; `import type` stays allowed across layers. An entry may be a list
 * of gitignore-style patterns, so a folder can be forbidden except for some of its subfolders ('!…').
 */
function layer(files, forbidden, message) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: forbidden.map((group) => ({
            group: Array.isArray(group) ? group : [group],
            message,
            allowTypeImports: true,
          })),
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', 'coverage/', 'dev-dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  // Arrows point one way: app → client → domain; server → domain; sw → client/db, client/sync → domain.
  // Nothing imports app.
  layer(
    ['src/domain/**'],
    [
      '**/app/**',
      '**/client/**',
      '**/server/**',
      '**/sw/**',
      'dexie',
      'preact',
      'preact/*',
      'hono',
      'hono/*',
      'node:*',
    ],
    'src/domain is pure: no DOM, Node, storage or UI imports.',
  ),
  layer(
    ['src/client/**'],
    ['**/app/**', '**/server/**', '**/sw/**', 'preact', 'preact/*'],
    'src/client must not import the UI or the server.',
  ),
  layer(
    ['src/app/**'],
    ['**/server/**', '**/sw/**', 'dexie'],
    'src/app talks to src/client, never to Dexie or the server.',
  ),
  layer(['src/server/**'], ['**/app/**', '**/client/**', '**/sw/**'], 'src/server imports only src/domain.'),
  // The service worker runs the device's sync itself for Background Sync, on the same database and engine as a
  // tab (src/client/db and src/client/sync, nothing with UI); everything else in src/client stays out of it.
  layer(
    ['src/sw/**'],
    [
      '**/app/**',
      '**/server/**',
      [
        '**/client/**',
        // gitignore rules: a folder must itself be re-included before what is inside it can be.
        '!**/client/db',
        '!**/client/db/**',
        '!**/client/sync',
        '!**/client/sync/**',
      ],
    ],
    'src/sw imports only src/domain, src/client/db and src/client/sync.',
  ),
  prettier,
);
