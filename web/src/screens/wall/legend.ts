import type { ParseKeys } from 'i18next';
import { CLUSTER_COLOURS, CLUSTER_RING, OVERDUE_COLOUR, STATUS_COLOURS } from '../../domain/cases/pinStyle';
import type { CaseStatus } from '../../domain/cases/types';
import { SERVICE_COLOURS, type ServiceLayer } from '../../domain/services/serviceMap';
import { gridLevels } from '../../graphql/types';
import { legendPalette, type MapTheme } from '../../map/style';
import { COVERAGE_SHADES, PARTY_COLOURS } from '../../domain/party/partyLayer';
import { NOTICE_COLOUR } from '../../domain/publicity/noticeLayer';
import { CIVIC_COLOURS } from '../../domain/consultations/civicLayer';
import { CASE_GROUP_KEYS, CASE_GROUPS, type LayerKey } from './layers';

/** How a legend row draws its symbol: an outlined area, a filled area, a dot, a ringed dot, a cluster, a dashed line. */
export type SwatchKind = 'outline' | 'area' | 'dot' | 'ring' | 'cluster' | 'line';

export interface Swatch {
  kind: SwatchKind;
  colour: string;
  /** The ring of a ringed dot or a cluster. */
  ring?: string;
}

/** An i18n key (checked against the locale files). */
export type LabelKey = ParseKeys;

/** One row: its symbol(s), the i18n key of its label, and the switch it carries (if any). */
export interface LegendRow {
  id: string;
  label: LabelKey;
  swatches: Swatch[];
  layer?: LayerKey;
  /** For a service layer's row: which one (its count is shown). */
  service?: ServiceLayer;
}

export interface LegendGroup {
  id: 'grids' | 'cases' | 'services' | 'party' | 'publicity' | 'civic';
  title: LabelKey;
  rows: LegendRow[];
}

/**
 * 图例 — what every symbol on the wall's map means, built from the very constants the layers
 * are drawn with (style.ts palette, pinStyle, serviceMap), so the legend cannot drift from the map.
 */
export function legendModel(theme: MapTheme, services: readonly ServiceLayer[]): LegendGroup[] {
  const palette = legendPalette(theme);
  const cluster = CLUSTER_COLOURS[theme];
  const statusDot = (status: CaseStatus): Swatch => ({ kind: 'dot', colour: STATUS_COLOURS[status] });
  return [
    {
      id: 'grids',
      title: 'legend.grids',
      rows: [
        ...gridLevels.map((level) => ({
          id: `grid-${level}`,
          label: `legend.level.${level}` as const,
          swatches: [{ kind: 'outline' as const, colour: palette.levels[level] }],
          layer: `GRID_${level}` as const,
        })),
        { id: 'buildings', label: 'legend.buildings', swatches: [{ kind: 'area', colour: palette.building }], layer: 'BUILDINGS' },
        { id: 'selected', label: 'legend.selected', swatches: [{ kind: 'outline', colour: palette.selected }] },
      ],
    },
    {
      id: 'cases',
      title: 'legend.cases',
      rows: [
        ...CASE_GROUP_KEYS.map((group) => ({
          id: `cases-${group}`,
          label: `legend.caseGroup.${group}` as const,
          swatches: CASE_GROUPS[group].map(statusDot),
          layer: `CASES_${group}` as const,
        })),
        {
          id: 'case-overdue',
          label: 'legend.caseOverdue',
          swatches: [{ kind: 'ring', colour: STATUS_COLOURS.DISPATCHED, ring: OVERDUE_COLOUR }],
        },
        { id: 'case-cluster', label: 'legend.caseCluster', swatches: [{ kind: 'cluster', colour: cluster, ring: CLUSTER_RING }] },
        {
          id: 'case-cluster-overdue',
          label: 'legend.caseClusterOverdue',
          swatches: [{ kind: 'cluster', colour: cluster, ring: OVERDUE_COLOUR }],
        },
      ],
    },
    {
      id: 'services',
      title: 'legend.services',
      rows: services.map((service) => ({
        id: `service-${service}`,
        label: `services.layer.${service}` as const,
        swatches:
          service === 'MATCH'
            ? [{ kind: 'line' as const, colour: SERVICE_COLOURS.MATCH }]
            : service === 'OVERDUE_VISIT'
              ? [
                  { kind: 'dot' as const, colour: SERVICE_COLOURS.OVERDUE_VISIT },
                  { kind: 'cluster' as const, colour: SERVICE_COLOURS.OVERDUE_VISIT },
                ]
              : [{ kind: 'dot' as const, colour: SERVICE_COLOURS[service] }],
        layer: `SERVICE_${service}` as const,
        service,
      })),
    },
    {
      id: 'party',
      title: 'legend.party',
      rows: [
        {
          id: 'party-coverage',
          label: 'legend.partyCoverage',
          swatches: COVERAGE_SHADES.map((shade) => ({ kind: 'area' as const, colour: PARTY_COLOURS[shade] })),
          layer: 'PARTY_COVERAGE',
        },
        ...COVERAGE_SHADES.map((shade) => ({
          id: `party-coverage-${shade}`,
          label: `legend.partyShade.${shade}` as const,
          swatches: [{ kind: 'area' as const, colour: PARTY_COLOURS[shade] }],
        })),
        {
          id: 'party-central',
          label: 'legend.partyCentral',
          swatches: [{ kind: 'dot', colour: PARTY_COLOURS.CENTRAL_HOUSEHOLD }],
          layer: 'PARTY_CENTRAL',
        },
        {
          id: 'party-posts',
          label: 'legend.partyPosts',
          swatches: [{ kind: 'dot', colour: PARTY_COLOURS.SERVICE_POST }],
          layer: 'PARTY_POSTS',
        },
      ],
    },
    {
      id: 'publicity',
      title: 'legend.publicity',
      rows: [
        {
          id: 'publicity-notices',
          label: 'legend.publicityNotices',
          swatches: [{ kind: 'dot', colour: NOTICE_COLOUR }],
          layer: 'PUBLICITY_NOTICES',
        },
      ],
    },
    {
      id: 'civic',
      title: 'legend.civic',
      rows: [
        {
          id: 'civic-consultations',
          label: 'legend.civicConsultations',
          swatches: [{ kind: 'dot', colour: CIVIC_COLOURS.CONSULTATION }],
          layer: 'CIVIC_CONSULTATIONS',
        },
        {
          id: 'civic-projects',
          label: 'legend.civicProjects',
          swatches: [{ kind: 'dot', colour: CIVIC_COLOURS.PROJECT }],
          layer: 'CIVIC_PROJECTS',
        },
      ],
    },
  ];
}
