import { OVERDUE_COLOUR, STATUS_COLOURS } from '../cases/pinStyle';
import {
  countServiceLayers,
  matchFilter,
  mergeServiceMaps,
  OVERDUE_VISIT_SOURCE,
  overdueVisitSource,
  overdueVisits,
  SERVICE_COLOURS,
  SERVICE_MAP_LAYER_IDS,
  serviceLayers,
  weekOf,
} from './serviceMap';

const point = (lng: number) => ({ type: 'Point', coordinates: [lng, 39.9] });

describe('service map layers', () => {
  it('merges the answers of several grids, dropping unknown layers and duplicates, and counts each layer', () => {
    const a = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: point(116.1), properties: { layer: 'OVERDUE_VISIT', householdId: 'h1' } },
        { type: 'Feature', geometry: point(116.2), properties: { layer: 'OPEN_WISH', wishId: 'w1' } },
        { type: 'Feature', geometry: point(116.3), properties: { layer: 'SOMETHING_ELSE' } },
      ],
    };
    const b = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: point(116.2), properties: { layer: 'OPEN_WISH', wishId: 'w1' } },
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [
              [116, 39],
              [116.1, 39.1],
            ],
          },
          properties: { layer: 'MATCH', matchId: 'm1' },
        },
      ],
    };
    const merged = mergeServiceMaps([a, b, null, {}]);
    expect(merged.features).toHaveLength(3);
    expect(countServiceLayers(merged)).toEqual({ OVERDUE_VISIT: 1, OPEN_WISH: 1, MATCH: 1 });
  });

  it('draws each layer in its own colour, overdue visits clustered in their own source', () => {
    const layers = serviceLayers(true);
    expect(layers.map((l) => l.id)).toEqual([
      'service-matches',
      'service-overdue-visit-clusters',
      'service-overdue-visit-count',
      'service-overdue-visits',
      'service-open-wishes',
    ]);
    const colours = new Set(Object.values(SERVICE_COLOURS));
    expect(colours.size).toBe(3);
    // Not the overdue-case red, nor any case status colour.
    expect(colours.has(OVERDUE_COLOUR)).toBe(false);
    for (const colour of Object.values(STATUS_COLOURS)) expect(SERVICE_COLOURS.OVERDUE_VISIT).not.toBe(colour);
    for (const id of SERVICE_MAP_LAYER_IDS.OVERDUE_VISIT) {
      const layer = layers.find((l) => l.id === id);
      expect(layer && 'source' in layer ? layer.source : null).toBe(OVERDUE_VISIT_SOURCE);
    }
    expect(overdueVisitSource().cluster).toBe(true);
  });

  it('splits the overdue visits off for their clustered source', () => {
    const merged = mergeServiceMaps([
      {
        features: [
          { type: 'Feature', geometry: point(116.1), properties: { layer: 'OVERDUE_VISIT', householdId: 'h1' } },
          { type: 'Feature', geometry: point(116.2), properties: { layer: 'OPEN_WISH', wishId: 'w1' } },
        ],
      },
    ]);
    expect(overdueVisits(merged).features.map((f) => f.properties.householdId)).toEqual(['h1']);
  });

  it('scales point radii with the screen', () => {
    const radius = (scale: number) => serviceLayers(true, scale).find((l) => l.id === 'service-open-wishes')?.paint;
    expect((radius(2) as Record<string, number>)['circle-radius']).toBe(2 * (radius(1) as Record<string, number>)['circle-radius']);
    expect((radius(1) as Record<string, number>)['circle-radius']).toBeGreaterThanOrEqual(10);
  });

  it('filters the match lines to a selection', () => {
    expect(matchFilter(null)).toEqual(['==', ['get', 'layer'], 'MATCH']);
    expect(matchFilter(['m1'])).toEqual(['all', ['==', ['get', 'layer'], 'MATCH'], ['in', ['get', 'matchId'], ['literal', ['m1']]]]);
  });

  it("names the week by its Monday on the street's calendar", () => {
    expect(weekOf(new Date('2026-11-25T20:00:00Z'))).toBe('2026-11-23');
    expect(weekOf(new Date('2026-11-23T00:00:00Z'))).toBe('2026-11-23');
    // The week turns at Monday 00:00 in Beijing, Sunday 16:00 UTC.
    expect(weekOf(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-16');
    expect(weekOf(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
    // Sunday 23:00 UTC is already Monday in Beijing.
    expect(weekOf(new Date('2026-11-29T23:00:00Z'))).toBe('2026-11-30');
  });
});
