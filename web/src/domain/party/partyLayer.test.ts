import { createExpression, type StylePropertySpecification } from '@maplibre/maplibre-gl-style-spec';
import { GRID_LEVEL_MINZOOM } from '@streetgrid/geo';
import { partyLayers } from './partyLayer';

/** The coverage fill's opacity for a grid of `level` at `zoom`, with or without a coverage state. */
function opacity(zoom: number, level: string, party: string | null): number {
  const [coverage] = partyLayers();
  const spec = {
    type: 'number',
    'property-type': 'data-driven',
    expression: { interpolated: true, parameters: ['zoom', 'feature', 'feature-state'] },
  };
  const parsed = createExpression(coverage.paint!['fill-opacity'], 'fill-opacity', spec as unknown as StylePropertySpecification);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  const feature = { type: 'Polygon' as const, properties: { level }, id: 'g' } as never;
  return parsed.value.evaluate({ zoom }, feature, party ? { party } : {}) as number;
}

describe('party coverage layer', () => {
  it('shades only the finest grid level drawn at the zoom, so nested levels do not stack their colours', () => {
    const { MEDIUM, SMALL } = GRID_LEVEL_MINZOOM;
    expect([opacity(MEDIUM - 1, 'LARGE', 'COVERED'), opacity(MEDIUM - 1, 'MEDIUM', 'COVERED')]).toEqual([0.3, 0]);
    expect([opacity(MEDIUM, 'LARGE', 'COVERED'), opacity(MEDIUM, 'MEDIUM', 'MISSING_ONE'), opacity(MEDIUM, 'SMALL', 'COVERED')]).toEqual([
      0, 0.3, 0,
    ]);
    expect([opacity(SMALL + 1, 'MEDIUM', 'COVERED'), opacity(SMALL + 1, 'SMALL', 'MISSING_BOTH')]).toEqual([0, 0.3]);
  });

  it('leaves a grid without a coverage state transparent', () => {
    expect(opacity(GRID_LEVEL_MINZOOM.SMALL, 'SMALL', null)).toBe(0);
  });
});
