import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

// jsdom 31 targets Node >= 22. On Node 20 the test workers get V8's iterator helpers and a
// small shim (src/test/node20-shim.mjs) so that jsdom loads; on Node 22+ nothing is added.
const nodeMajor = Number(process.versions.node.split('.')[0]);
const node20ExecArgv =
  nodeMajor < 22
    ? [
        '--harmony-iterator-helpers',
        '--import',
        fileURLToPath(new URL('./src/test/node20-shim.mjs', import.meta.url)),
      ]
    : [];

export default defineProject({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    execArgv: node20ExecArgv,
  },
});
