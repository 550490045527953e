import type { PinCollection } from '../../domain/cases/pins';
import type { CaseStatus } from '../../domain/cases/types';
import { partyPoints, shadeOf } from '../../domain/party/partyLayer';
import { DEFAULT_LAYERS, hiddenMapLayers, parseLayerState, shownParty, shownServices, toggleLayer, visiblePins } from './layers';

function pins(...statuses: CaseStatus[]): PinCollection {
  return {
    type: 'FeatureCollection',
    features: statuses.map((status, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [120.1, 30.2] },
      properties: { id: `c${i}`, status, category: 'x', overdue: false, open: true, fresh: false },
    })),
  };
}

describe('wall layer switches', () => {
  it('starts with the base map and cases on, service layers off', () => {
    expect(parseLayerState(null)).toEqual(DEFAULT_LAYERS);
    expect(hiddenMapLayers(DEFAULT_LAYERS)).toEqual([]);
    expect(shownServices(DEFAULT_LAYERS).size).toBe(0);
  });

  it('reads a saved state over the defaults, ignoring junk', () => {
    expect(parseLayerState('not json')).toEqual(DEFAULT_LAYERS);
    expect(parseLayerState('[1]')).toEqual(DEFAULT_LAYERS);
    const saved = parseLayerState(JSON.stringify({ GRID_SMALL: false, SERVICE_OPEN_WISH: true, NOPE: false, BUILDINGS: 'no' }));
    expect(saved.GRID_SMALL).toBe(false);
    expect(saved.SERVICE_OPEN_WISH).toBe(true);
    expect(saved.BUILDINGS).toBe(true);
    expect('NOPE' in saved).toBe(false);
    expect(parseLayerState(JSON.stringify(saved))).toEqual(saved);
  });

  it('hides a grid level as fill, outline and label, and the buildings', () => {
    const state = toggleLayer(toggleLayer(DEFAULT_LAYERS, 'GRID_SMALL'), 'BUILDINGS');
    expect(hiddenMapLayers(state).sort()).toEqual(['buildings-fill', 'grids-small-fill', 'grids-small-label', 'grids-small-line']);
    expect(hiddenMapLayers(toggleLayer(state, 'GRID_SMALL'))).toEqual(['buildings-fill']);
  });

  it('switches the service layers the wall offers', () => {
    expect([...shownServices(toggleLayer(DEFAULT_LAYERS, 'SERVICE_OVERDUE_VISIT'))]).toEqual(['OVERDUE_VISIT']);
  });

  it('switches the party layers (off by default) and keeps them like the others', () => {
    expect(shownParty(DEFAULT_LAYERS).size).toBe(0);
    const on = toggleLayer(toggleLayer(DEFAULT_LAYERS, 'PARTY_COVERAGE'), 'PARTY_POSTS');
    expect([...shownParty(on)].sort()).toEqual(['PARTY_COVERAGE', 'PARTY_POSTS']);
    expect(parseLayerState(JSON.stringify(on))).toEqual(on);
  });

  it('shades coverage in three colours and draws central households and posts as points', () => {
    expect(['COVERED', 'NO_LEADER', 'NO_ORGANIZATION', 'NEITHER'].map((s) => shadeOf(s as 'COVERED'))).toEqual([
      'COVERED',
      'MISSING_ONE',
      'MISSING_ONE',
      'MISSING_BOTH',
    ]);
    const points = partyPoints({
      grids: [],
      centralHouseholds: [{ id: 'o1', name: '中心户', lng: 120.1, lat: 30.2 }],
      servicePosts: [{ id: 'p1', name: '议事亭', lng: 120.2, lat: 30.3 }],
    });
    expect(points.features.map((f) => [f.properties.kind, f.geometry.coordinates])).toEqual([
      ['CENTRAL_HOUSEHOLD', [120.1, 30.2]],
      ['SERVICE_POST', [120.2, 30.3]],
    ]);
    expect(partyPoints(null).features).toEqual([]);
  });

  it('drops the pins of a switched-off case group before they are clustered', () => {
    const all = pins('REPORTED', 'FILED', 'IN_PROGRESS', 'HANDLED', 'CLOSED');
    expect(visiblePins(all, DEFAULT_LAYERS)).toBe(all);
    const noWaiting = visiblePins(all, toggleLayer(DEFAULT_LAYERS, 'CASES_WAITING'));
    expect(noWaiting?.features.map((f) => f.properties.status)).toEqual(['IN_PROGRESS', 'HANDLED', 'CLOSED']);
    expect(visiblePins(null, toggleLayer(DEFAULT_LAYERS, 'CASES_DONE'))).toBeNull();
  });
});
