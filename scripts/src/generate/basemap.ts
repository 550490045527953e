import type { StreetData } from '@streetgrid/api/seed/street-data';
import type { BasemapKind } from '@streetgrid/geo';
import { bbox, booleanIntersects, booleanWithin, circle, polygon, truncate } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { LocalFrame, Position } from './frame';
import { PLACE_STEMS } from './names';
import type { LocalPoint } from './partition';
import type { Random } from './random';

type Feature = NonNullable<StreetData['basemap']>[number];
type Sides = Record<'bottom' | 'right' | 'top' | 'left', string>;

export interface BasemapInput {
  data: StreetData;
  frame: LocalFrame;
  /** The street's south edge in local metres, west to east (the river runs along it, outside). */
  southEdge: readonly LocalPoint[];
  /** The named roads around each community (LARGE grid id → its four sides' road names). */
  communityRoads: ReadonlyMap<string, Sides>;
}

/** Road classes by the deepest grid level whose boundary they follow. */
const ROAD_OF_LEVEL: Record<'LARGE' | 'MEDIUM' | 'SMALL', BasemapKind> = { LARGE: 'MAIN', MEDIUM: 'SECONDARY', SMALL: 'MINOR' };
const RANK: Record<string, number> = { MAIN: 3, SECONDARY: 2, MINOR: 1 };
/** Clearance of a pond or park from any building footprint, metres (added to its radius when testing). */
const CLEARANCE_M = 4;

/**
 * The street's base map, a pure function of the street and `rng`:
 * - roads along the grid boundaries, where a generated street leaves the gaps between
 *   footprints (every footprint keeps 3 m from its small grid's boundary): MAIN along the
 *   community boundaries and the street's outline, named after the roads the addresses use;
 *   SECONDARY along compound boundaries (some named …支路); MINOR along small-grid boundaries;
 * - a river (…河) running outside the street's south edge, with a riverside green strip;
 * - pocket parks (GREEN) in some compounds, a few with a pond (WATER) and a footpath (PATH)
 *   around it, each placed inside one small grid and clear of every footprint.
 */
export function generateBasemap(rng: Random, input: BasemapInput): Feature[] {
  const { data, frame } = input;
  const code = data.street.code;
  const out: Feature[] = [];
  out.push(...roads(rng, input));

  // The river and its green bank, outside the street's south edge (nothing is built there).
  const offset = (d: number, extend: number) => {
    const pts = input.southEdge.map((p, k) => ({ x: p.x, y: p.y - d - 4 * Math.sin(k * 1.3) }));
    const first = pts[0];
    const last = pts[pts.length - 1];
    return [{ x: first.x - extend, y: first.y }, ...pts, { x: last.x + extend, y: last.y }];
  };
  const band = (near: number, far: number, extend: number): MultiPolygon => {
    const north = offset(near, extend);
    const south = offset(far, extend).reverse();
    const ring = [...north, ...south];
    return { type: 'MultiPolygon', coordinates: [[frame.toRing([...ring, ring[0]])]] };
  };
  const riverNear = rng.between(30, 40);
  const riverWidth = rng.between(35, 55);
  out.push({
    code: `${code}-W1`,
    kind: 'WATER',
    name: `${rng.pick(PLACE_STEMS)}河`,
    geometry: band(riverNear, riverNear + riverWidth, 400),
  });
  out.push({ code: `${code}-G1`, kind: 'GREEN', name: '滨河绿带', geometry: band(8, riverNear - 3, 300) });

  // Pocket parks, some with a pond, inside small grids and clear of their buildings.
  const footprintsOf = new Map<string, StreetData['buildings'][number]['footprint'][]>();
  for (const b of data.buildings) footprintsOf.set(b.gridId, [...(footprintsOf.get(b.gridId) ?? []), b.footprint]);
  const smallsOf = new Map<string, StreetData['grids']>();
  for (const g of data.grids) if (g.level === 'SMALL') smallsOf.set(g.parentId!, [...(smallsOf.get(g.parentId!) ?? []), g]);
  let parks = 0;
  let ponds = 0;
  for (const compound of data.grids.filter((g) => g.level === 'MEDIUM')) {
    if (!rng.chance(0.3)) continue;
    const withPond = rng.chance(0.35);
    const radius = withPond ? rng.between(22, 34) : rng.between(14, 26);
    const smalls = smallsOf.get(compound.id) ?? [];
    const spot = findSpot(rng, smalls, footprintsOf, radius);
    if (!spot) continue;
    const park = disc(spot, radius);
    out.push({ code: `${code}-G${++parks + 1}`, kind: 'GREEN', name: `${compound.name}游园`, geometry: park });
    if (withPond) {
      const pondRadius = radius * rng.between(0.45, 0.6);
      out.push({ code: `${code}-W${++ponds + 1}`, kind: 'WATER', name: null, geometry: disc(spot, pondRadius) });
      const ring = disc(spot, pondRadius + 4).coordinates[0][0];
      out.push({ code: `${code}-P${ponds}`, kind: 'PATH', name: null, geometry: { type: 'MultiLineString', coordinates: [ring] } });
    }
  }
  return out;
}

/** A centre in one of `smalls` where a disc of `radius` m (plus clearance) lies inside the grid and touches no footprint. */
function findSpot(
  rng: Random,
  smalls: StreetData['grids'],
  footprintsOf: Map<string, StreetData['buildings'][number]['footprint'][]>,
  radius: number,
): Position | null {
  if (!smalls.length) return null;
  for (let attempt = 0; attempt < 24; attempt++) {
    const grid = rng.pick(smalls);
    const [w, s, e, n] = bbox(grid.geometry);
    const centre: Position = [rng.between(w, e), rng.between(s, n)];
    const probe = disc(centre, radius + CLEARANCE_M);
    if (!booleanWithin(polygon(probe.coordinates[0]), polygon(grid.geometry.coordinates[0]))) continue;
    if ((footprintsOf.get(grid.id) ?? []).some((f) => booleanIntersects(probe, f))) continue;
    return centre;
  }
  return null;
}

function disc(centre: Position, radiusM: number): MultiPolygon {
  const c = truncate(circle(centre, radiusM / 1000, { steps: 24, units: 'kilometers' }), { precision: 7 });
  return { type: 'MultiPolygon', coordinates: [(c.geometry as Polygon).coordinates] };
}

interface Segment {
  a: string;
  b: string;
  pa: Position;
  pb: Position;
  rank: number;
  /** The LARGE grid whose ring holds it (MAIN roads take their name from its sides). */
  community?: string;
}

/**
 * Every boundary segment of every grid ring, once, classed by the coarsest level it bounds;
 * then chained into lines of one class (and, for MAIN, one name) between junctions.
 */
function roads(rng: Random, input: BasemapInput): Feature[] {
  const { data } = input;
  const key = (p: Position) => `${p[0]},${p[1]}`;
  const segments = new Map<string, Segment>();
  for (const grid of data.grids) {
    const rank = RANK[ROAD_OF_LEVEL[grid.level]];
    for (const polygonRings of grid.geometry.coordinates) {
      const ring = polygonRings[0] as Position[];
      for (let k = 0; k + 1 < ring.length; k++) {
        const [pa, pb] = [ring[k], ring[k + 1]];
        const [a, b] = [key(pa), key(pb)];
        const id = a < b ? `${a}|${b}` : `${b}|${a}`;
        const seen = segments.get(id);
        if (!seen) segments.set(id, { a, b, pa, pb, rank, community: grid.level === 'LARGE' ? grid.id : undefined });
        else if (rank > seen.rank) Object.assign(seen, { rank, community: grid.level === 'LARGE' ? grid.id : seen.community });
      }
    }
  }
  const centroidOf = new Map(data.grids.filter((g) => g.level === 'LARGE').map((g) => [g.id, bbox(g.geometry)] as const));
  const nameOf = (s: Segment): string | null => {
    if (s.rank !== 3 || !s.community) return null;
    const sides = input.communityRoads.get(s.community);
    const box = centroidOf.get(s.community);
    if (!sides || !box) return null;
    const mid: Position = [(s.pa[0] + s.pb[0]) / 2, (s.pa[1] + s.pb[1]) / 2];
    const cos = Math.cos((mid[1] * Math.PI) / 180);
    const horizontal = Math.abs(s.pb[0] - s.pa[0]) * cos > Math.abs(s.pb[1] - s.pa[1]);
    if (horizontal) return mid[1] < (box[1] + box[3]) / 2 ? sides.bottom : sides.top;
    return mid[0] < (box[0] + box[2]) / 2 ? sides.left : sides.right;
  };
  // Group by class and name, then walk chains between nodes that are not simple pass-throughs.
  const groups = new Map<string, Segment[]>();
  for (const s of segments.values()) {
    const g = `${s.rank}|${nameOf(s) ?? ''}`;
    groups.set(g, [...(groups.get(g) ?? []), s]);
  }
  const kindOf: Record<number, BasemapKind> = { 3: 'MAIN', 2: 'SECONDARY', 1: 'MINOR' };
  const lines: { kind: BasemapKind; name: string | null; coords: Position[] }[] = [];
  for (const [g, segs] of [...groups].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const [rankText, name] = g.split('|');
    const at = new Map<string, Segment[]>();
    for (const s of segs) for (const n of [s.a, s.b]) at.set(n, [...(at.get(n) ?? []), s]);
    const used = new Set<Segment>();
    const walk = (start: string, first: Segment): Position[] => {
      const coords: Position[] = [first.a === start ? first.pa : first.pb];
      let node = start;
      let seg: Segment | undefined = first;
      while (seg && !used.has(seg)) {
        used.add(seg);
        const next = seg.a === node ? seg.b : seg.a;
        coords.push(seg.a === node ? seg.pb : seg.pa);
        node = next;
        const onward: Segment[] = at.get(node)!;
        seg = onward.length === 2 ? onward.find((o) => o !== seg) : undefined;
      }
      return coords;
    };
    // Ends and junctions first, then whatever is left (closed loops).
    for (const [node, here] of at) if (here.length !== 2) for (const s of here) if (!used.has(s)) push(walk(node, s));
    for (const s of segs) if (!used.has(s)) push(walk(s.a, s));
    function push(coords: Position[]) {
      lines.push({ kind: kindOf[Number(rankText)], name: name || null, coords });
    }
  }
  // Some compound roads carry a name (…支路), most are unnamed.
  const code = input.data.street.code;
  const counters: Record<string, number> = {};
  return lines.map((l): Feature => {
    let name = l.name;
    if (l.kind === 'SECONDARY' && l.coords.length >= 3 && rng.chance(0.4)) name = `${rng.pick(PLACE_STEMS)}支路`;
    const prefix = l.kind === 'MAIN' ? 'M' : l.kind === 'SECONDARY' ? 'S' : 'N';
    counters[prefix] = (counters[prefix] ?? 0) + 1;
    return {
      code: `${code}-${prefix}${counters[prefix]}`,
      kind: l.kind,
      name,
      geometry: { type: 'MultiLineString', coordinates: [l.coords] },
    };
  });
}
