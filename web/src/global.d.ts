import type { Client } from 'graphql-ws';
import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /**
     * The live MapLibre map, exposed for end-to-end tests only (they wait on its `idle`
     * event and query rendered features). Absent until the map mounts; not an app API.
     */
    __streetgridMap?: MapLibreMap;
    /** The graphql-ws client, exposed for end-to-end tests only (they terminate its socket to test resuming). */
    __streetgridWs?: Client;
  }
}
