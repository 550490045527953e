import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { registerAssessmentReport } from '@streetgrid/api/domains/assessment/assessment.report';
import { ReportService, type ReportArgs } from '@streetgrid/api/domains/report/report.data';
import { reportPdf, reportXlsx } from '@streetgrid/api/domains/report/report.render';
import { stringOption, UsageError, type Command } from './command';
import { databaseOptions, openCliDatabase } from './database';
import { ProgressBar } from './progress';

/** `streetgrid report`: the monthly 情况报告 of a street or community, as PDF or XLSX. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'Write the monthly situation report (情况报告) as PDF or XLSX',
  description: [
    'One report: the street (every community, or --street) or one --community, to --out',
    '(default report-YYYY-MM[-CODE].FORMAT). With --each community|street, one file per community',
    'or per street into the directory --out (default .), with a progress line.',
    'Runs as the database owner: every row, no row-level security.',
  ].join('\n'),
  options: {
    month: { type: 'string', valueName: 'YYYY-MM', description: 'The month reported (required)' },
    community: { type: 'string', valueName: 'CODE', description: 'Only this community (LARGE grid code)' },
    street: { type: 'string', valueName: 'CODE', description: 'Only this street' },
    format: { type: 'string', valueName: 'FMT', description: 'pdf (default) or xlsx' },
    each: { type: 'string', valueName: 'KIND', description: 'community or street: one file for each' },
    out: { type: 'string', valueName: 'PATH', description: 'The file (or, with --each, the directory) to write' },
    ...databaseOptions,
  },
  async run(context) {
    const month = stringOption(context.values, 'month');
    if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError('--month YYYY-MM is required');
    const format = stringOption(context.values, 'format') ?? 'pdf';
    if (format !== 'pdf' && format !== 'xlsx') throw new UsageError('--format must be pdf or xlsx');
    const each = stringOption(context.values, 'each');
    if (each !== undefined && each !== 'community' && each !== 'street') throw new UsageError('--each must be community or street');
    const community = stringOption(context.values, 'community');
    const street = stringOption(context.values, 'street');
    const out = stringOption(context.values, 'out');
    const render = (args: ReportArgs, service: ReportService) =>
      service.monthly(args).then((data) => (format === 'pdf' ? reportPdf(data) : reportXlsx(data)));
    registerAssessmentReport();
    const db = await openCliDatabase(context);
    try {
      const service = new ReportService(db.dataSource.manager);
      const started = performance.now();
      if (!each) {
        const bytes = await render({ month, community, street }, service);
        const file = out ?? `report-${month}${community ? `-${community}` : street ? `-${street}` : ''}.${format}`;
        await writeFile(file, bytes);
        context.stderr.write(
          `report: ${file} (${bytes.length.toLocaleString('en-US')} bytes) in ${Math.round(performance.now() - started)} ms\n`,
        );
        return;
      }
      const units: { code: string }[] =
        each === 'community'
          ? await db.dataSource.query(
              `SELECT code FROM grid WHERE level = 'LARGE' AND ($1::text IS NULL OR street_id IN (SELECT id FROM street WHERE code = $1))
                ORDER BY code`,
              [street ?? null],
            )
          : await db.dataSource.query(`SELECT code FROM street WHERE ($1::text IS NULL OR code = $1) ORDER BY code`, [street ?? null]);
      const dir = out ?? '.';
      await mkdir(dir, { recursive: true });
      const progress = new ProgressBar(context.stderr, 'files');
      for (const [i, unit] of units.entries()) {
        progress.update(i, units.length, unit.code);
        const args = each === 'community' ? { month, community: unit.code } : { month, street: unit.code };
        await writeFile(join(dir, `report-${month}-${unit.code}.${format}`), await render(args, service));
      }
      progress.update(units.length, units.length, 'done', true);
      progress.finish();
      context.stderr.write(`report: ${units.length} files in ${dir} in ${Math.round(performance.now() - started)} ms\n`);
    } finally {
      await db.close();
    }
  },
};
