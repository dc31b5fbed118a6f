// Lint rules: typescript-eslint's recommended set, plus the layering of DESIGN.md —
// services and models never reach for a chat platform.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const platformImports = {
  patterns: [
    {
      group: ['@slack/*', 'discord.js', '**/chat/slack/*', '**/chat/discord/*', '**/chat/web/*'],
      message: 'The domain points inward: no platform code here (DESIGN.md).',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'test/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        module: 'readonly',
        require: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Registries extended by declaration merging (Models, PermissionRegistry) are such interfaces.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    files: ['src/domains/**', 'src/access/**', 'src/kernel/**', 'models/**', 'jobs/**', 'handlers/**', 'src/chat/*.ts'],
    rules: { 'no-restricted-imports': ['error', platformImports] },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    files: ['test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
