import { countServiceLayers, mergeServiceMaps, serviceLayers, weekOf } from './serviceMap';

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

  it('draws each layer in its own colour, filtered by the layer tag', () => {
    const layers = serviceLayers(true);
    expect(layers.map((l) => l.id)).toEqual(['service-matches', 'service-overdue-visits', 'service-open-wishes']);
    const colours = layers.map((l) => JSON.stringify(l.paint));
    expect(new Set(colours).size).toBe(3);
  });

  it("names the week by its Monday on the street's calendar", () => {
    expect(weekOf(new Date('2026-11-25T20:00:00Z'), 'UTC')).toBe('2026-11-23');
    expect(weekOf(new Date('2026-11-23T00:00:00Z'), 'UTC')).toBe('2026-11-23');
    expect(weekOf(new Date('2026-11-29T23:00:00Z'), 'UTC')).toBe('2026-11-23');
    // Sunday 23:00 UTC is already Monday in Beijing.
    expect(weekOf(new Date('2026-11-29T23:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-30');
  });
});
