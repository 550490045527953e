import type { Feature, FeatureCollection, Point } from 'geojson';
import { isOpen, OPEN_STATUSES, type CaseEvent, type CaseStatus, type CaseSummary, type CaseTotals } from './types';

/** Properties of a pin feature in the `cases` GeoJSON source. */
export interface PinProperties {
  id: string;
  status: CaseStatus;
  category: string;
  overdue: boolean;
  open: boolean;
  /** Reported within the last NEW_PIN_MS and first seen live: the pin pulses. */
  fresh: boolean;
}

export type PinCollection = FeatureCollection<Point, PinProperties>;

/** How long a newly reported case pulses. */
export const NEW_PIN_MS = 60_000;

/** A pin as the store keeps it: the case, and when a live REPORTED event brought it (for the pulse). */
export interface PinEntry {
  summary: CaseSummary;
  arrivedAt: number | null;
}

export type PinStore = ReadonlyMap<string, PinEntry>;

/** Adds or updates cases, keeping the newer version of each (live events and refetches race). */
export function mergeCases(store: PinStore, cases: readonly CaseSummary[], arrivedAt: number | null = null): PinStore {
  let next: Map<string, PinEntry> | null = null;
  for (const summary of cases) {
    const existing = (next ?? store).get(summary.id);
    if (existing && existing.summary.version >= summary.version) continue;
    next ??= new Map(store);
    next.set(summary.id, { summary, arrivedAt: existing?.arrivedAt ?? arrivedAt });
  }
  return next ?? store;
}

/** Applies one live event: REPORTED events mark the pin as new (it pulses). */
export function applyEvent(store: PinStore, event: CaseEvent, now: number): PinStore {
  return mergeCases(store, [event.case], event.type === 'REPORTED' ? now : null);
}

/** The open cases of an OPEN_CASES_QUERY answer, every status page together. */
export function openCasesOf(result: CaseTotals | undefined): CaseSummary[] {
  if (!result) return [];
  return OPEN_STATUSES.flatMap((s) => result[`s_${s}`]?.nodes ?? []);
}

/** The GeoJSON the pins layer draws: one Point per case, properties for colour, halo and pulse. */
export function buildPinCollection(store: PinStore, now: number): PinCollection {
  const features: Feature<Point, PinProperties>[] = [];
  for (const { summary, arrivedAt } of store.values()) {
    // The schema's GeoJSON scalar may be any geometry; a case's location is a point.
    if (summary.location.type !== 'Point') continue;
    const [lng, lat] = summary.location.coordinates;
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lng, lat] },
      properties: {
        id: summary.id,
        status: summary.status,
        category: summary.category,
        overdue: summary.overdue && isOpen(summary.status),
        open: isOpen(summary.status),
        fresh: arrivedAt !== null && now - arrivedAt < NEW_PIN_MS,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The cases a leader works on: open, overdue first, then oldest first. */
export function openCaseList(store: PinStore): CaseSummary[] {
  return [...store.values()]
    .map((e) => e.summary)
    .filter((c) => isOpen(c.status))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.reportedAt.localeCompare(b.reportedAt));
}
