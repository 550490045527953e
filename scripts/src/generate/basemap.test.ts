import type { StreetData } from '@streetgrid/api/seed/street-data';
import { bboxIntersects, bboxOf } from '@streetgrid/geo';
import { booleanIntersects, booleanValid } from '@turf/turf';
import { districtPlan, generateStreet } from './street';

type Feature = NonNullable<StreetData['basemap']>[number];

describe('generateStreet: the base map', () => {
  const [plan] = districtPlan(1, 1);
  const street = generateStreet(plan);
  const basemap = street.basemap!;
  const ofKind = (kind: Feature['kind']) => basemap.filter((f) => f.kind === kind);
  const footprints = street.buildings.map((b) => ({ code: b.code, geometry: b.footprint, box: bboxOf(b.footprint) }));
  /** Codes of the buildings `f` touches (bbox first, then the exact test). */
  const touched = (f: Feature) => {
    const box = bboxOf(f.geometry);
    return footprints.filter((b) => bboxIntersects(box, b.box) && booleanIntersects(f.geometry, b.geometry)).map((b) => b.code);
  };

  it('is a pure function of the seed, and another seed gives another map', () => {
    expect(JSON.stringify(generateStreet(plan).basemap)).toBe(JSON.stringify(basemap));
    expect(JSON.stringify(generateStreet(districtPlan(1, 2)[0]).basemap)).not.toBe(JSON.stringify(basemap));
  });

  it('has roads of every class, a named river, parks and ponds, with codes unique in the street', () => {
    expect(ofKind('MAIN').length).toBeGreaterThanOrEqual(6);
    expect(ofKind('SECONDARY').length).toBeGreaterThan(20);
    expect(ofKind('MINOR').length).toBeGreaterThan(50);
    expect(ofKind('PATH').length).toBeGreaterThan(0);
    expect(ofKind('WATER').length).toBeGreaterThanOrEqual(2);
    expect(ofKind('GREEN').length).toBeGreaterThanOrEqual(3);
    expect(ofKind('WATER')[0].name).toMatch(/河$/);
    // Main roads carry the names the addresses use (…路 / …街).
    for (const road of ofKind('MAIN')) expect(road.name).toMatch(/[路街]$/);
    const addressRoads = new Set(street.buildings.map((b) => /^(.+?[路街])/.exec(b.address)?.[1]));
    expect(ofKind('MAIN').some((r) => addressRoads.has(r.name!))).toBe(true);
    expect(new Set(basemap.map((f) => f.code)).size).toBe(basemap.length);
  });

  it('gives roads lines and areas valid polygons', () => {
    for (const f of basemap) {
      const line = ['MAIN', 'SECONDARY', 'MINOR', 'PATH'].includes(f.kind);
      expect(f.geometry.type).toBe(line ? 'MultiLineString' : 'MultiPolygon');
      expect(booleanValid(f.geometry)).toBe(true);
    }
  });

  it('runs no road, water or green area over a building footprint', () => {
    const crossings = basemap.flatMap((f) => touched(f).map((b) => `${f.code} ${f.kind} × ${b}`));
    expect(crossings).toEqual([]);
  });
});
