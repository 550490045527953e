import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

// MapLibre 6 finds its worker through import.meta.url, which bundling breaks: hand it the
// URL of the worker file that vite emitted instead. Imported once, before any map exists.
setWorkerUrl(workerUrl);
