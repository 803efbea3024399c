// One lint gate for the workspace. Packages are pure: the import bans below keep I/O, clocks
// and upward dependencies out of them (domain <- routing <- dispatch <- apps). In apps, web and
// simulator never import the server, and server routes never import the Prisma client nor reach
// `app.db`.
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
  {
    files: ['packages/coverage/src/**/*.ts'],
    rules: banImports('@dispatch/dispatch', '@dispatch/demo-city', '@dispatch/contracts'),
  },
  { files: ['packages/demo-city/src/**/*.ts'], rules: banImports('@dispatch/dispatch') },
  {
    files: ['packages/gazetteer/src/**/*.ts'],
    rules: banImports(
      '@dispatch/dispatch',
      '@dispatch/demo-city',
      '@dispatch/contracts',
      '@dispatch/coverage',
    ),
  },
  // The basemap's rules stand alone: OSM tags in, layers out.
  { files: ['packages/basemap/src/**/*.ts'], rules: banImports('@dispatch/*') },
  // Contracts are shared by server and clients: types and TypeBox schemas over the domain only.
  {
    files: ['packages/contracts/src/**/*.ts'],
    rules: banImports('@dispatch/routing', '@dispatch/dispatch', '@dispatch/demo-city'),
  },
  // Clients talk to the server over HTTP and sockets only; shared code lives in packages/.
  {
    files: ['apps/web/**/*.{ts,tsx}', 'apps/simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@dispatch/server', '@dispatch/server/*'],
              message: 'Clients never import the server; move shared code to packages/',
            },
            {
              regex: '^(\\.\\./)+(apps/)?server(/|$)',
              message: 'Clients never import the server; move shared code to packages/',
            },
          ],
        },
      ],
    },
  },
  // Routes stay thin: queries and stored types go through services (and their DTOs).
  {
    files: ['apps/server/src/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/generated/prisma', '**/generated/prisma/**', '@prisma/*'],
              message: 'Routes do not touch Prisma: put the query or type in a service',
            },
          ],
        },
      ],
    },
  },
  // Routes never query: the database (`app.db`) is reached through a service method.
  {
    files: ['apps/server/src/routes/**/*.ts'],
    ignores: ['apps/server/src/routes/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='app'][property.name='db']",
          message: 'Routes never query: call a service',
        },
        {
          selector: "VariableDeclarator[init.name='app'] > ObjectPattern > Property[key.name='db']",
          message: 'Routes never query: call a service',
        },
      ],
    },
  },
  // health.ts only reports which engine runs (app.db.engine); it never queries.
  {
    files: ['apps/server/src/routes/health.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
