import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { apiProxy } from './dev/api-proxy';

const server = process.env.VITE_API_ORIGIN ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': apiProxy(server), '/trpc': apiProxy(server) } },
  build: { outDir: 'dist', emptyOutDir: true },
});
