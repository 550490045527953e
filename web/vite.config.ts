import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

/** Where `vite dev` finds the API; in production the API serves web/dist on its own origin. */
const api = process.env.STREETGRID_API ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [
    react(),
    // Precompressed copies (.br, .gz) beside every text asset: the API and nginx send them as they are, no compression per request.
    compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|mjs|css|html|json|svg)$/, exclude: /\.map$/, threshold: 1024 }),
  ],
  resolve: {
    // @streetgrid/geo exports its TypeScript under "source": bundle that, not a stale dist/.
    conditions: ['source', ...defaultClientConditions],
  },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
      '/tiles': { target: api, changeOrigin: true },
      '/open311': { target: api, changeOrigin: true },
      '/healthz': { target: api, changeOrigin: true },
    },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    // Maps are written for whoever debugs a release, but no file references them and no server sends them.
    sourcemap: 'hidden',
    // MapLibre alone is ~1 MB minified: give it a chunk of its own that survives app releases in the cache.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/].*maplibre-gl/ }] },
      },
    },
  },
});
