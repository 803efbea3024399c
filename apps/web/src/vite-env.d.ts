/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** A MapLibre style URL that replaces the offline base layers. */
  readonly VITE_MAP_STYLE_URL?: string;
  /** A PMTiles archive (Protomaps basemap schema) that replaces the offline base layers. */
  readonly VITE_PMTILES_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
