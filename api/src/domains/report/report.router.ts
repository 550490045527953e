import { Router } from 'express';
import type { Db } from '../../platform/db/session';
import { communityParam, downloadRoute, monthParam, queryText, sendDownload, XLSX_TYPE } from '../../platform/http/month-params';
import type { Scope } from '../../platform/identity/scope';
import { authorizeReport, ReportService } from './report.data';
import { reportPdf, reportXlsx } from './report.render';

const FILE = /^(.*)\.(pdf|xlsx)$/;
const CONTENT_TYPES = { pdf: 'application/pdf', xlsx: XLSX_TYPE } as const;

/**
 * `GET /reports/<YYYY-MM>.pdf|.xlsx[?community=CODE][&street=CODE]` — the month's 情况报告 of the street or of one
 * community. Sign-in (401) is checked before by the same middleware as tiles and photos; the
 * statements run in the caller's session (row-level security). Street staff may have any report,
 * a community's leader that community's; anyone else 403. A bad month or community is 400, naming the field.
 */
export function reportRouter(): Router {
  const router = Router();
  router.get(
    '/:file',
    downloadRoute(async (req, res) => {
      const match = FILE.exec(req.params.file as string);
      if (!match) {
        res.status(404).json({ error: 'reports are /reports/YYYY-MM.pdf or /reports/YYYY-MM.xlsx' });
        return;
      }
      const format = match[2] as 'pdf' | 'xlsx';
      const month = monthParam(match[1]);
      const community = communityParam(req);
      const street = queryText(req, 'street');
      const db = res.locals.db as Db;
      await authorizeReport(db, res.locals.scope as Scope, { month, community });
      const data = await new ReportService(db).monthly({ month, community, street });
      sendDownload(res, {
        contentType: CONTENT_TYPES[format],
        name: `report-${month}${community ? `-${community}` : ''}.${format}`,
        body: format === 'pdf' ? await reportPdf(data) : await reportXlsx(data),
      });
    }),
  );
  return router;
}
