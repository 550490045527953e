import { stringify } from 'csv-stringify/sync';
import { Router } from 'express';
import type { Db } from '../../../platform/db/session';
import { communityParam, downloadRoute, queryText } from '../../../platform/http/month-params';
import type { Scope } from '../../../platform/identity/scope';
import { type EvaluationRow, EvaluationService } from './evaluation.service';

/** The sheet's columns: bilingual headers, so the street office reads them and a script can still find the English key. */
const COLUMNS: { key: keyof EvaluationRow; header: string }[] = [
  { key: 'registrationId', header: '登记编号 registrationId' },
  { key: 'name', header: '姓名 name' },
  { key: 'unitName', header: '单位 unit' },
  { key: 'period', header: '期间 period' },
  { key: 'hours', header: '服务时长 hours' },
  { key: 'unitRating', header: '单位评议 unitRating' },
  { key: 'unitComment', header: '单位意见 unitComment' },
  { key: 'communityRating', header: '社区评议 communityRating' },
  { key: 'communityComment', header: '社区意见 communityComment' },
];

/** A cell Excel would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'` (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The sheet as CSV for Excel: UTF-8 with a BOM (so Chinese opens correctly), RFC 4180
 * quoting and CRLF line ends, by csv-stringify rather than a hand-rolled escaper.
 * Empty ratings and comments are empty cells.
 */
export function evaluationCsv(rows: EvaluationRow[]): string {
  return stringify(rows, {
    bom: true,
    header: true,
    columns: COLUMNS,
    record_delimiter: 'windows',
    cast: { string: (value) => (FORMULA_START.test(value) ? `'${value}` : value) },
  });
}

/**
 * `GET /exports/service-evaluations.csv?communityId=…&period=…` — the 双评议 sheet of a
 * community as a file download. Sign-in (401) is checked before by the same middleware
 * as tiles and photos (`res.locals.scope`); who may export is the service's rule (403);
 * bad arguments are the GraphQL query's checks (400, naming the field).
 */
export function evaluationExportRouter(): Router {
  const router = Router();
  router.get(
    '/service-evaluations.csv',
    downloadRoute(async (req, res) => {
      const communityId = communityParam(req, 'communityId') ?? '';
      const period = queryText(req, 'period') ?? '';
      const rows = await new EvaluationService(res.locals.db as Db).sheetFor(res.locals.scope as Scope, { communityId, period });
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="service-evaluations-${period}.csv"`);
      res.setHeader('Cache-Control', 'private, no-store');
      res.send(evaluationCsv(rows));
    }),
  );
  return router;
}
