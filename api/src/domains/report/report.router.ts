import { Router } from 'express';
import { GraphQLError } from 'graphql';
import type { Db } from '../../platform/db/session';
import type { Scope } from '../../platform/identity/scope';
import { authorizeReport, ReportService } from './report.data';
import { reportPdf, reportXlsx } from './report.render';

const FILE = /^(\d{4}-\d{2})\.(pdf|xlsx)$/;
const CONTENT_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * `GET /reports/<YYYY-MM>.pdf|.xlsx[?community=CODE][&street=CODE]` — the month's 情况报告 of the street or of one
 * community. Sign-in (401) is checked before by the same middleware as tiles and photos; the
 * statements run in the caller's session (row-level security). Street staff may have any report,
 * a community's leader that community's; anyone else 403. A bad month or community is 400, naming the field.
 */
export function reportRouter(): Router {
  const router = Router();
  router.get('/:file', async (req, res, next) => {
    try {
      const scope = res.locals.scope as Scope;
      const db = res.locals.db as Db;
      const match = FILE.exec(req.params.file);
      if (!match) {
        res.status(404).json({ error: 'reports are /reports/YYYY-MM.pdf or /reports/YYYY-MM.xlsx' });
        return;
      }
      const [, month, format] = match as unknown as [string, string, 'pdf' | 'xlsx'];
      const community = typeof req.query.community === 'string' && req.query.community !== '' ? req.query.community : null;
      const street = typeof req.query.street === 'string' && req.query.street !== '' ? req.query.street : null;
      await authorizeReport(db, scope, { month, community });
      const data = await new ReportService(db).monthly({ month, community, street });
      const bytes = format === 'pdf' ? await reportPdf(data) : await reportXlsx(data);
      res.setHeader('Content-Type', CONTENT_TYPES[format]);
      res.setHeader('Content-Disposition', `attachment; filename="report-${month}${community ? `-${community}` : ''}.${format}"`);
      res.setHeader('Cache-Control', 'private, no-store');
      res.end(bytes);
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      if (code === 'BAD_USER_INPUT') {
        const { message, extensions } = error as GraphQLError;
        res.status(400).json({ error: message, field: extensions.field });
        return;
      }
      if (code === 'FORBIDDEN') {
        res.status(403).json({ error: (error as GraphQLError).message });
        return;
      }
      next(error);
    }
  });
  return router;
}
