import type { CaseStatus } from '../../domain/cases/types';
import type { PinCollection } from '../../domain/cases/pins';
import type { ServiceLayer } from '../../domain/services/serviceMap';
import { gridLevels, type GridLevel } from '../../graphql/types';
import { BUILDING_FILL_LAYER, gridLayerId } from '../../map/style';

/** 案件分组 — case pins are toggled by group of statuses, as the wall's queues think of them. */
export const CASE_GROUPS = {
  WAITING: ['REPORTED', 'FILED'],
  ACTIVE: ['DISPATCHED', 'IN_PROGRESS', 'ESCALATED'],
  TO_VERIFY: ['HANDLED'],
  DONE: ['CLOSED', 'RATED', 'REJECTED'],
} as const satisfies Record<string, readonly CaseStatus[]>;
export type CaseGroup = keyof typeof CASE_GROUPS;
export const CASE_GROUP_KEYS = Object.keys(CASE_GROUPS) as CaseGroup[];

/** The service layers the wall screen offers (overdue visits and open wishes; no week's match lines). */
export const WALL_SERVICE_LAYERS: readonly ServiceLayer[] = ['OVERDUE_VISIT', 'OPEN_WISH'];

/** One switch of the wall's layer control. */
export type LayerKey =
  `GRID_${GridLevel}` | 'BUILDINGS' | `CASES_${CaseGroup}` | `SERVICE_${ServiceLayer}` | PartyLayer | CivicLayer | 'PUBLICITY_NOTICES';

/** The party layer's switches: coverage per grid (colour), central households and service posts (points). */
export const PARTY_LAYERS = ['PARTY_COVERAGE', 'PARTY_CENTRAL', 'PARTY_POSTS'] as const;
export type PartyLayer = (typeof PARTY_LAYERS)[number];

/** 议事协商 and 民生实事: upcoming consultations and open projects (points). */
export const CIVIC_LAYERS = ['CIVIC_CONSULTATIONS', 'CIVIC_PROJECTS'] as const;
export type CivicLayer = (typeof CIVIC_LAYERS)[number];

export type LayerState = Readonly<Record<LayerKey, boolean>>;

/** Every switch and whether it starts on: the base map and cases on, the service layers off. */
export const DEFAULT_LAYERS: LayerState = {
  GRID_LARGE: true,
  GRID_MEDIUM: true,
  GRID_SMALL: true,
  BUILDINGS: true,
  CASES_WAITING: true,
  CASES_ACTIVE: true,
  CASES_TO_VERIFY: true,
  CASES_DONE: true,
  SERVICE_OVERDUE_VISIT: false,
  SERVICE_OPEN_WISH: false,
  SERVICE_MATCH: false,
  PARTY_COVERAGE: false,
  PARTY_CENTRAL: false,
  PARTY_POSTS: false,
  /** 宣传栏: published notices pinned on the map. */
  PUBLICITY_NOTICES: false,
  CIVIC_CONSULTATIONS: false,
  CIVIC_PROJECTS: false,
};

/** Where the wall keeps its layer switches (localStorage). */
export const LAYERS_STORAGE_KEY = 'streetgrid.wall.layers';

/**
 * The switches saved in `raw` (JSON from localStorage) over the defaults: unknown keys and
 * non-boolean values are ignored, so an old or damaged entry never breaks the wall.
 */
export function parseLayerState(raw: string | null): LayerState {
  if (!raw) return DEFAULT_LAYERS;
  let saved: unknown;
  try {
    saved = JSON.parse(raw);
  } catch {
    return DEFAULT_LAYERS;
  }
  if (!saved || typeof saved !== 'object') return DEFAULT_LAYERS;
  const state: Record<LayerKey, boolean> = { ...DEFAULT_LAYERS };
  for (const key of Object.keys(DEFAULT_LAYERS) as LayerKey[]) {
    const value = (saved as Record<string, unknown>)[key];
    if (typeof value === 'boolean') state[key] = value;
  }
  return state;
}

export function toggleLayer(state: LayerState, key: LayerKey): LayerState {
  return { ...state, [key]: !state[key] };
}

/** The base-map MapLibre layers the switches hide (grids by level, buildings); pins and services are filtered elsewhere. */
export function hiddenMapLayers(state: LayerState): string[] {
  const hidden: string[] = [];
  for (const level of gridLevels) {
    if (!state[`GRID_${level}`]) hidden.push(gridLayerId(level, 'fill'), gridLayerId(level, 'line'), gridLayerId(level, 'label'));
  }
  if (!state.BUILDINGS) hidden.push(BUILDING_FILL_LAYER);
  return hidden;
}

/** The service layers switched on. */
export function shownServices(state: LayerState): Set<ServiceLayer> {
  return new Set(WALL_SERVICE_LAYERS.filter((layer) => state[`SERVICE_${layer}`]));
}

/** The party layers switched on. */
export function shownParty(state: LayerState): Set<PartyLayer> {
  return new Set(PARTY_LAYERS.filter((layer) => state[layer]));
}

/** The civic layers switched on. */
export function shownCivic(state: LayerState): { consultations: boolean; projects: boolean } {
  return { consultations: state.CIVIC_CONSULTATIONS, projects: state.CIVIC_PROJECTS };
}

/** The case statuses whose group is switched on. */
export function shownStatuses(state: LayerState): Set<CaseStatus> {
  return new Set(CASE_GROUP_KEYS.filter((group) => state[`CASES_${group}`]).flatMap((group) => CASE_GROUPS[group]));
}

/**
 * The pins of the switched-on groups. The pins are filtered before they reach the clustered
 * source, so a cluster counts only what is shown. Answers `pins` itself when every group is on.
 */
export function visiblePins(pins: PinCollection | null, state: LayerState): PinCollection | null {
  if (!pins || CASE_GROUP_KEYS.every((group) => state[`CASES_${group}`])) return pins;
  const statuses = shownStatuses(state);
  return { ...pins, features: pins.features.filter((f) => statuses.has(f.properties.status)) };
}
