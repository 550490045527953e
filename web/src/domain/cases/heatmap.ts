import type { Feature, FeatureCollection, Point } from 'geojson';
import { startOfShanghaiDay } from './kpi';

const DAY_MS = 24 * 3600_000;

/** The history the wall plays back: the last 90 days (today included, from Beijing midnight). */
export const HEATMAP_DAYS = 90;
/** Days summed into one frame: the week ending on the slider's day. */
export const HEATMAP_SPAN_DAYS = 7;
/** Side of a heatmap cell, metres. */
export const HEATMAP_CELL_M = 50;

/** What `caseHeatmap` answers (columns: cells, then buckets). */
export interface HeatmapColumns {
  from: string;
  days: number;
  lng: readonly number[];
  lat: readonly number[];
  cell: readonly number[];
  day: readonly number[];
  count: readonly number[];
  late: readonly number[];
}

export interface HeatProperties {
  /** Cases in the cell over the frame. */
  n: number;
  /** n ÷ the frame's busiest cell (0–1]: the heatmap's weight, so the busiest cell is always hot. */
  w: number;
}

export type HeatCollection = FeatureCollection<Point, HeatProperties>;

/** [from, to) of the history: Beijing midnight HEATMAP_DAYS − 1 days ago to `now`. */
export function heatmapWindow(now: number): { from: string; to: string } {
  const from = startOfShanghaiDay(now) - (HEATMAP_DAYS - 1) * DAY_MS;
  return { from: new Date(from).toISOString(), to: new Date(now).toISOString() };
}

/** The start (epoch ms) of day `index` of the answer. */
export function dayStart(data: Pick<HeatmapColumns, 'from'>, index: number): number {
  return Date.parse(data.from) + index * DAY_MS;
}

/**
 * One frame: the cases of the `span` days ending with day `endDay`, summed per cell (only the
 * late ones when `lateOnly`); cells with none are left out.
 */
export function heatFrame(data: HeatmapColumns, endDay: number, span = HEATMAP_SPAN_DAYS, lateOnly = false): HeatCollection {
  const sums = new Map<number, number>();
  const first = endDay - span + 1;
  for (let j = 0; j < data.cell.length; j++) {
    const d = data.day[j];
    if (d < first || d > endDay) continue;
    const n = lateOnly ? data.late[j] : data.count[j];
    if (n > 0) sums.set(data.cell[j], (sums.get(data.cell[j]) ?? 0) + n);
  }
  const features: Feature<Point, HeatProperties>[] = [];
  const max = Math.max(0, ...sums.values());
  for (const [c, n] of [...sums].sort((a, b) => a[0] - b[0]))
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [data.lng[c], data.lat[c]] },
      properties: { n, w: Math.round((n / max) * 1000) / 1000 },
    });
  return { type: 'FeatureCollection', features };
}

/** Cases in a frame (the sum of its cells). */
export function frameTotal(frame: HeatCollection): number {
  return frame.features.reduce((s, f) => s + f.properties.n, 0);
}

/** Playback speeds: days advanced per second. */
export const SPEEDS = [1, 2, 4, 8] as const;
export type Speed = (typeof SPEEDS)[number];

/** The next day of playback, or null at the end (playback stops there). */
export function nextDay(day: number, days: number): number | null {
  return day + 1 < days ? day + 1 : null;
}
