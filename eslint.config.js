// One lint gate for the workspace. Packages are pure: the import bans below keep I/O, clocks
// and upward dependencies out of them (domain <- routing <- dispatch <- apps).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const ioModules = [
  'fs',
  'node:*',
  'fs/*',
  'path',
  'http',
  'net',
  'child_process',
  '@prisma/*',
  'pg',
  'socket.io',
  'socket.io-client',
  'fastify',
  'ioredis',
  'react',
];
const banImports = (...extra) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: [...ioModules, ...extra], message: 'packages/ hold pure code: no I/O or upward imports' },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'fetch', message: 'No I/O in packages.' },
    { name: 'setTimeout', message: 'No hidden clock in packages: pass time in.' },
    { name: 'setInterval', message: 'No hidden clock in packages: pass time in.' },
  ],
  'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pass `now` in.' }],
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.tsbuild/**',
      'apps/server/src/generated/**',
      '.data/**',
      'apps/web/test-results/**',
      'apps/web/playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['packages/domain/src/**/*.ts'], rules: banImports('@dispatch/*') },
  { files: ['packages/routing/src/**/*.ts'], rules: banImports('@dispatch/dispatch', '@dispatch/demo-city') },
  { files: ['packages/dispatch/src/**/*.ts'], rules: banImports('@dispatch/demo-city') },
  { files: ['packages/demo-city/src/**/*.ts'], rules: banImports('@dispatch/dispatch') },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
