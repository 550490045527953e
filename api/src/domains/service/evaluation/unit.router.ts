import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { elevated, type Db } from '../../../platform/db/session';
import { badInput } from '../../../platform/graphql/errors';
import { downloadRoute, monthParam, queryText, sendDownload, XLSX_TYPE } from '../../../platform/http/month-params';
import type { AuthService } from '../../../platform/identity';
import type { Scope } from '../../../platform/identity/scope';
import { UNIT_LINK, unitAccess, UnitEvaluationService, unitReportXlsx } from './unit.service';

const FILE = /^(.*)\.xlsx$/;

/**
 * `GET /unit-reports/<YYYY-MM>.xlsx?unit=ID` — 双报告, a work unit's month as XLSX, for the unit's
 * own account, its community's leaders and street staff (the `unitReport` query's rule; 403
 * otherwise, 404 for a unit the caller cannot see, 400 naming a bad argument).
 */
export function unitReportRouter(): Router {
  const router = Router();
  router.get(
    '/:file',
    downloadRoute(async (req, res) => {
      const match = FILE.exec(req.params.file as string);
      if (!match) throw badInput('file', 'unit reports are /unit-reports/YYYY-MM.xlsx');
      const month = monthParam(match[1]);
      const unitId = queryText(req, 'unit') ?? '';
      const db = res.locals.db as Db;
      unitAccess(res.locals.scope as Scope, await new UnitEvaluationService(db).visibleUnit(unitId, 'unit'));
      const report = await elevated(db, () => new UnitEvaluationService(db).report(unitId, month));
      sendDownload(res, { contentType: XLSX_TYPE, name: `unit-report-${month}.xlsx`, body: await unitReportXlsx(report) });
    }),
  );
  return router;
}

/**
 * `GET /unit-link/report.xlsx?token=…` — the same 双报告 through the unit's signed link, without
 * signing in (the link is the credential: its unit and month only; 400 when invalid or expired).
 */
export function unitLinkRouter(ds: DataSource, auth: AuthService): Router {
  const router = Router();
  router.get(
    '/report.xlsx',
    downloadRoute(async (req, res) => {
      const { fields, expiresAt } = auth.verifyLink(UNIT_LINK, queryText(req, 'token') ?? '');
      const [unitId, month] = fields;
      const report = await new UnitEvaluationService(ds.manager).report(unitId, month, expiresAt);
      sendDownload(res, { contentType: XLSX_TYPE, name: `unit-report-${month}.xlsx`, body: await unitReportXlsx(report) });
    }),
  );
  return router;
}
