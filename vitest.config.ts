import { defineConfig } from 'vitest/config';

// One Vitest run over the workspace; each project keeps its own environment.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/server', 'apps/simulator', 'apps/web'],
  },
});
