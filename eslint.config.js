import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** Forbids value imports of the given folders; `import type` stays allowed across layers. */
function layer(files, forbidden, message) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: forbidden.map((group) => ({ group: [group], message, allowTypeImports: true })),
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
  // Arrows point one way: app → client → domain; server → domain; sw → domain. Nothing imports app.
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
  layer(['src/sw/**'], ['**/app/**', '**/client/**', '**/server/**'], 'src/sw imports only src/domain.'),
  prettier,
);
