import type { LocalPoint } from './partition';

/** A GeoJSON position `[lng, lat]` in WGS-84 degrees. */
export type Position = [number, number];

/**
 * A local tangent plane at `origin` (WGS-84 `[lng, lat]`): metres east and north map to
 * degrees with the ellipsoid's scale at the origin's latitude, accurate to centimetres
 * over a few kilometres. Positions are rounded to 1e-7° (about 1 cm) so the output is
 * compact and identical on every run.
 */
export class LocalFrame {
  private readonly metresPerDegLng: number;
  private readonly metresPerDegLat: number;

  constructor(readonly origin: Position) {
    const phi = (origin[1] * Math.PI) / 180;
    this.metresPerDegLat = 111132.92 - 559.82 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
    this.metresPerDegLng = 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi);
  }

  toPosition(p: LocalPoint): Position {
    return [round7(this.origin[0] + p.x / this.metresPerDegLng), round7(this.origin[1] + p.y / this.metresPerDegLat)];
  }

  /** A closed ring of local points as positions, repeated positions (after rounding) dropped. */
  toRing(ring: readonly LocalPoint[]): Position[] {
    const out: Position[] = [];
    for (const p of ring) {
      const q = this.toPosition(p);
      const last = out[out.length - 1];
      if (last && last[0] === q[0] && last[1] === q[1]) continue;
      out.push(q);
    }
    return out;
  }
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
