/**
 * The offline base map (issue #13): what a base-map feature is, shared by the generator, the
 * import, the tiles and the web style.
 *
 * - Roads are lines of class MAIN (主干道, along community boundaries), SECONDARY (次干道, along
 *   compound boundaries), MINOR (支路/小区道路, along small-grid boundaries) and PATH (步道).
 * - Areas are polygons: WATER (河道, 水塘) and GREEN (公园, 绿地).
 */
export const ROAD_CLASSES = ['MAIN', 'SECONDARY', 'MINOR', 'PATH'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];
export const AREA_KINDS = ['WATER', 'GREEN'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];
export const BASEMAP_KINDS = [...AREA_KINDS, ...ROAD_CLASSES] as const;
export type BasemapKind = RoadClass | AreaKind;

export function isRoadClass(value: string): value is RoadClass {
  return (ROAD_CLASSES as readonly string[]).includes(value);
}

export function isAreaKind(value: string): value is AreaKind {
  return (AREA_KINDS as readonly string[]).includes(value);
}

/**
 * First zoom at which each kind is put into base-map tiles: below z14 only main roads (and
 * the areas), so a street-wide view stays light; footpaths only close up.
 */
export const BASEMAP_KIND_MINZOOM: Readonly<Record<BasemapKind, number>> = {
  WATER: 10,
  GREEN: 12,
  MAIN: 10,
  SECONDARY: 14,
  MINOR: 15,
  PATH: 16,
};

/** Base-map kinds in tiles of zoom `z`. */
export function basemapKindsAt(z: number): BasemapKind[] {
  return (BASEMAP_KINDS as readonly BasemapKind[]).filter((kind) => z >= BASEMAP_KIND_MINZOOM[kind]);
}

/** The import's `kind` property values for base-map features (grids and buildings keep theirs). */
export const BASEMAP_IMPORT_KINDS = ['road', 'water', 'green'] as const;
export type BasemapImportKind = (typeof BASEMAP_IMPORT_KINDS)[number];

export function isBasemapImportKind(value: string | undefined): value is BasemapImportKind {
  return value !== undefined && (BASEMAP_IMPORT_KINDS as readonly string[]).includes(value);
}
