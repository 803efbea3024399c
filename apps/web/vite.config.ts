import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the Fastify server runs separately; in production it serves `dist` itself.
const apiTarget = process.env.DISPATCH_API_URL ?? 'http://127.0.0.1:8110';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/socket.io': { target: apiTarget, changeOrigin: true, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
