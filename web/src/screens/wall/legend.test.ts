import { CLUSTER_COLOURS, OVERDUE_COLOUR, STATUS_COLOURS } from '../../domain/cases/pinStyle';
import { ALL_STATUSES } from '../../domain/cases/types';
import { SERVICE_COLOURS } from '../../domain/services/serviceMap';
import { legendPalette } from '../../map/style';
import en from '../../i18n/locales/en.json';
import zh from '../../i18n/locales/zh-CN.json';
import { DEFAULT_LAYERS, WALL_SERVICE_LAYERS } from './layers';
import { legendModel } from './legend';

const rows = (theme: 'dark' | 'light') => legendModel(theme, WALL_SERVICE_LAYERS).flatMap((g) => g.rows);

function lookup(resources: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources);
}

describe('wall legend', () => {
  it('explains every case status with the colour its pin is drawn in', () => {
    const dots = new Map<string, string>();
    for (const row of rows('dark')) if (row.layer?.startsWith('CASES_')) for (const s of row.swatches) dots.set(s.colour, row.id);
    for (const status of ALL_STATUSES) expect(dots.has(STATUS_COLOURS[status])).toBe(true);
  });

  it('takes the grid, building and selection colours from the map style of its theme', () => {
    for (const theme of ['dark', 'light'] as const) {
      const palette = legendPalette(theme);
      const byId = new Map(rows(theme).map((r) => [r.id, r.swatches[0].colour]));
      expect(byId.get('grid-LARGE')).toBe(palette.levels.LARGE);
      expect(byId.get('grid-SMALL')).toBe(palette.levels.SMALL);
      expect(byId.get('buildings')).toBe(palette.building);
      expect(byId.get('selected')).toBe(palette.selected);
      expect(byId.get('case-cluster')).toBe(CLUSTER_COLOURS[theme]);
    }
  });

  it('shows overdue visits (dot and cluster) in their own colour, not the overdue-case red', () => {
    const visit = rows('dark').find((r) => r.service === 'OVERDUE_VISIT');
    expect(visit?.swatches.map((s) => s.kind)).toEqual(['dot', 'cluster']);
    expect(visit?.swatches.every((s) => s.colour === SERVICE_COLOURS.OVERDUE_VISIT)).toBe(true);
    expect(SERVICE_COLOURS.OVERDUE_VISIT).not.toBe(OVERDUE_COLOUR);
    expect(rows('dark').find((r) => r.id === 'case-overdue')?.swatches[0].ring).toBe(OVERDUE_COLOUR);
  });

  it('gives every switch of the layer control a row, and every row a label in both languages', () => {
    const switches = new Set(rows('dark').flatMap((r) => (r.layer ? [r.layer] : [])));
    for (const key of Object.keys(DEFAULT_LAYERS)) if (key !== 'SERVICE_MATCH') expect(switches.has(key as never)).toBe(true);
    for (const group of legendModel('dark', ['MATCH', ...WALL_SERVICE_LAYERS])) {
      for (const key of [group.title, ...group.rows.map((r) => r.label)]) {
        expect(typeof lookup(zh, key)).toBe('string');
        expect(typeof lookup(en, key)).toBe('string');
      }
    }
  });
});
