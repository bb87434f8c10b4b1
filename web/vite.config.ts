import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Local stack (devstack) serves the API on this address; `npm run dev` proxies to it.
const API_TARGET = process.env.IMPACTE_API_URL ?? 'http://127.0.0.1:8000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: API_TARGET, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
