import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'build/**',
      '.tmp/**',
      'demo-output/**',
      // The bench's run folders hold bundles it builds (the baseline script): not our source.
      'bench/.runs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Pure layers must stay free of the Actions toolkit and the AWS SDK so they test without mocks.
    files: [
      'src/rules/**/*.ts',
      'src/report/**/*.ts',
      'src/gate.ts',
      'src/model.ts',
      'src/inputs/**/*.ts',
      'src/policy/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@actions/*', '@aws-sdk/*', '@smithy/*'] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
