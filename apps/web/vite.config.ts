import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = process.env.VITE_API_ORIGIN ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': server, '/trpc': server } },
  build: { outDir: 'dist', emptyOutDir: true },
});
