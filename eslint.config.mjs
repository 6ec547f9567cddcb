import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.data/**',
      'coverage/**',
      'bench/out/**',
      'dist/**',
      '.build-*/**',
      '**/generated/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    // CommonJS by necessity: Jest loads reporters and its config with require.
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // shared/ is what the services share at run time: the demo town (town/) and the offline
  // import engine (import/) sit above it, so it imports neither (README.md, Layout).
  ...[1, 2, 3].map((depth) => ({
    files: [`shared/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./){${depth}}(town|import)(/|$)`,
              message: 'shared/ must not import town/ or import/: they sit above it.',
            },
          ],
        },
      ],
    },
  })),
);
