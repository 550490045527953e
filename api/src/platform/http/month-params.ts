import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import { badInput } from '../graphql/errors';

/**
 * The month and community arguments the download routes share (情况报告, 双评议表, 双报告), parsed one way:
 * a period is `YYYY-MM` (or, where a year is allowed, `YYYY`) in UTC months; a bad one is
 * `BAD_USER_INPUT` naming the field, which `downloadRoute` answers as 400.
 */
export function periodRange(period: string, field = 'period', yearAllowed = true): [Date, Date] {
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(period);
  if (!m || (!yearAllowed && m[2] === undefined)) throw badInput(field, yearAllowed ? 'must be YYYY or YYYY-MM' : 'must be YYYY-MM');
  const year = Number(m[1]);
  if (m[2] === undefined) return [new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year + 1, 0, 1))];
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw badInput(field, 'month must be 01 to 12');
  return [new Date(Date.UTC(year, month - 1, 1)), new Date(Date.UTC(year, month, 1))];
}

/** A month, `YYYY-MM`, checked (the report's and the unit report's `month`). */
export function monthParam(value: string, field = 'month'): string {
  periodRange(value, field, false);
  return value;
}

/** A query-string argument as text: absent or empty is null; given twice (`?a=1&a=2`) is refused, naming it. */
export function queryText(req: Request, name: string): string | null {
  const value = req.query[name];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') throw badInput(name, 'give it once');
  return value;
}

/** `?community=` as the routes take it (a community's code for reports, its id for the sheets); null: not given. */
export function communityParam(req: Request, name = 'community'): string | null {
  return queryText(req, name);
}

/** A file download's headers: its type, its name for the browser to save, never cached by a shared cache. */
export function sendDownload(res: Response, file: { contentType: string; name: string; body: Buffer | string }): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${file.name}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.end(file.body);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Wraps a download handler: `BAD_USER_INPUT` answers 400 with the message and the field,
 * `FORBIDDEN` 403, `NOT_FOUND` 404, anything else goes to express's error handler.
 */
export function downloadRoute(handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      await handler(req, res);
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      const status = code === 'BAD_USER_INPUT' ? 400 : code === 'FORBIDDEN' ? 403 : code === 'NOT_FOUND' ? 404 : null;
      if (status === null) {
        next(error);
        return;
      }
      const { message, extensions } = error as GraphQLError;
      res.status(status).json(status === 400 ? { error: message, field: extensions.field } : { error: message });
    }
  };
}
