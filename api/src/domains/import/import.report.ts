import type { ImportIssue, ImportReport } from './import.types';

const TITLES: Record<ImportIssue['kind'], string> = {
  UNSUPPORTED_INPUT: 'Unreadable or unsupported input',
  BAD_FIELD: 'Bad or missing properties',
  INVALID_GEOMETRY: 'Invalid geometries',
  DUPLICATE_CODE: 'Duplicate codes',
  ORPHAN: 'Orphans (parent not in the file nor in the database)',
  OUTSIDE_PARENT: 'Children outside their parent',
  SIBLING_OVERLAP: 'Overlaps between siblings',
  COVERAGE_GAP: 'Gaps in coverage',
};

/** The report as readable text, one section per kind of issue. */
export function formatReport(r: ImportReport): string {
  const lines = [
    `import ${r.file}: ${r.features} features (${r.grids} grids, ${r.buildings} buildings${
      r.basemap ? `, ${r.basemap} base-map roads/water/green` : ''
    })`,
    `coordinates: ${r.crs}${r.crsAssumed ? ' (assumed: no --crs given)' : ''}, converted to WGS84`,
    ...r.notes,
  ];
  if (r.issues.length === 0) lines.push('validation: no problems found');
  for (const kind of Object.keys(TITLES) as ImportIssue['kind'][]) {
    const of = r.issues.filter((i) => i.kind === kind);
    if (!of.length) continue;
    lines.push(`${TITLES[kind]}: ${of.length}`);
    for (const issue of of) {
      const where = issue.location ? ` @ ${issue.location[0].toFixed(6)},${issue.location[1].toFixed(6)}` : '';
      const at = issue.feature !== undefined ? `[feature ${issue.feature}] ` : '';
      lines.push(`  - ${at}${issue.message}${where}`);
    }
  }
  const c = r.changes;
  lines.push(`changes: ${c.inserted} to insert, ${c.updated} to update, ${c.unchanged} unchanged`);
  if (r.streetsCreated.length) lines.push(`streets created: ${r.streetsCreated.join(', ')}`);
  lines.push(
    r.written
      ? `written in one transaction (${(r.ms / 1000).toFixed(1)} s)`
      : r.issues.length
        ? `${r.issues.length} error${r.issues.length === 1 ? '' : 's'}: nothing written`
        : 'dry run: nothing written',
  );
  return `${lines.join('\n')}\n`;
}
