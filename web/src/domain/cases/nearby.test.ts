import { boxAround, byDistance, DUPLICATE_RADIUS_M, possibleDuplicates } from './nearby';
import type { CaseSummary } from './types';

const HERE = { lng: 120.1, lat: 30.25 };
/** ~1 m of latitude in degrees. */
const M = 1 / 111_195;

function aCase(id: string, metresNorth: number, status: CaseSummary['status'] = 'FILED'): CaseSummary {
  return {
    id,
    number: `20261205-000${id}`,
    status,
    category: 'ENVIRONMENT',
    description: '垃圾堆放',
    address: null,
    priority: 'NORMAL',
    overdue: false,
    reportedAt: '2026-12-05T01:00:00.000Z',
    dueAt: null,
    gridId: 'g1',
    version: 1,
    location: { type: 'Point', coordinates: [HERE.lng, HERE.lat + metresNorth * M] },
  };
}

describe('possible duplicates before reporting', () => {
  it('keeps open cases within 50 m, nearest first, and drops closed or farther ones', () => {
    const found = possibleDuplicates(
      [aCase('1', 40), aCase('2', 10), aCase('3', 60), aCase('4', 5, 'CLOSED'), aCase('5', 20, 'RATED'), aCase('6', 49, 'HANDLED')],
      HERE,
    );
    expect(found.map((d) => d.c.id)).toEqual(['2', '1', '6']);
    expect(found[0].meters).toBeCloseTo(10, 0);
  });

  it('asks for a box that holds the whole radius', () => {
    const [w, s, e, n] = boxAround(HERE, DUPLICATE_RADIUS_M);
    expect((HERE.lat - s) / M).toBeGreaterThanOrEqual(DUPLICATE_RADIUS_M - 0.5);
    expect((n - HERE.lat) / M).toBeGreaterThanOrEqual(DUPLICATE_RADIUS_M - 0.5);
    // East–west degrees are longer near the equator than metres north: the box is wider in degrees.
    expect(e - HERE.lng).toBeGreaterThan(n - HERE.lat);
    expect(HERE.lng - w).toBeCloseTo(e - HERE.lng, 9);
  });
});

describe('buildings near the point', () => {
  it('orders by distance from the point', () => {
    const b = (id: string, north: number) => ({ id, centroid: { type: 'Point' as const, coordinates: [HERE.lng, HERE.lat + north * M] } });
    expect(byDistance([b('far', 50), b('near', 5), b('mid', 20)], HERE).map((x) => x.id)).toEqual(['near', 'mid', 'far']);
  });
});
