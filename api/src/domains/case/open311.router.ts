import { randomUUID } from 'node:crypto';
import type { AuthService } from '../../platform/identity';
import { asViewer } from '../../platform/identity/db-identity';
import { applyScope, Scope } from '../../platform/identity/scope';
import { ANONYMOUS, type Viewer } from '../../platform/identity/viewer';
import type { Db } from '../../platform/db/session';
import express, { type Request, type Response, type Router } from 'express';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { EventBus } from '../../platform/events/bus';
import { Case, CaseCategory, CaseSource, CaseStatus, OPEN_STATUSES, CasePriority } from './case.entity';
import { ActorRole } from '../../platform/identity/actor';
import { CaseService } from './case.service';

/** The key id recorded for Open311-only keys from the environment (they have no api_key row). */
const OPEN311_ENV_KEY = '00000000-0000-0000-0000-000000000311';
const CLOSED_STATUSES = [CaseStatus.CLOSED, CaseStatus.RATED, CaseStatus.REJECTED];
const MAX_PAGE_SIZE = 500;

interface Open311Error {
  code: number;
  description: string;
}

class Open311Failure extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

/**
 * Open311 GeoReport v2 (JSON) over the case model, so existing 311 apps and department
 * systems can report and follow cases: a service is a case category, a service request
 * is a case, and the loop's statuses map to `open` / `closed`.
 */
export function open311Router(ds: DataSource, bus: EventBus, auth: AuthService, apiKeys: ReadonlySet<string>): Router {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false }), express.json());
  /**
   * The caller behind an `api_key`: an Open311 key from the environment or a department's
   * API key carrying the Case scope. Requests hold residents' descriptions and addresses,
   * so unlike the spec's optional GET keys, reading them needs a key too.
   */
  const keyViewer = async (key: string | undefined): Promise<Viewer> => {
    if (!key) throw new Open311Failure(403, 'api_key is required');
    if (apiKeys.has(key)) return { kind: 'department', keyId: OPEN311_ENV_KEY, department: 'open311', scopes: ['Case'] };
    const viewer = await auth.viewerFrom(undefined, key).catch(() => null);
    if (!viewer || viewer.kind !== 'department' || !viewer.scopes.includes('Case'))
      throw new Open311Failure(403, 'api_key is missing or not valid');
    return viewer;
  };
  /** Work on the database as the key's department (row-level security), or as anonymous for the public service list. */
  const as = <T>(viewer: Viewer, work: (db: Db, scope: Scope) => Promise<T>, read = true) =>
    asViewer(ds, viewer, (db) => work(db, new Scope(viewer)), { read });

  router.get(
    '/services.json',
    handle(() =>
      as(ANONYMOUS, async (db) => {
        const categories = await new CaseService(db, bus).categories();
        return categories.map(service);
      }),
    ),
  );

  router.get(
    '/services/:code.json',
    handle((req) =>
      as(ANONYMOUS, async (db) => {
        const category = await db.getRepository(CaseCategory).findOneBy({ code: String(req.params.code) });
        if (!category) throw new Open311Failure(404, `service_code ${req.params.code} not found`);
        return { service_code: category.code, attributes: [] };
      }),
    ),
  );

  router.post(
    '/requests.json',
    handle(async (req) => {
      const body = req.body as Record<string, string | undefined>;
      const viewer = await keyViewer(body.api_key);
      const serviceCode = body.service_code;
      if (!serviceCode) throw new Open311Failure(400, 'service_code is required');
      if (body.lat == null || body.long == null)
        throw new Open311Failure(400, 'lat and long are required (address_string alone cannot be routed to a grid)');
      const name = [body.first_name, body.last_name].filter(Boolean).join(' ') || null;
      const result = await as(
        viewer,
        (db) =>
          new CaseService(db, bus).report(
            {
              clientKey: `open311:${req.get('idempotency-key') ?? randomUUID()}`,
              category: serviceCode,
              source: CaseSource.RESIDENT,
              priority: CasePriority.NORMAL,
              lng: Number(body.long),
              lat: Number(body.lat),
              description: body.description ?? '',
              address: body.address_string || null,
              reporterName: name,
            },
            { role: ActorRole.REPORTER, name: name ?? 'open311' },
            viewer,
          ),
        false,
      );
      return [{ service_request_id: result.case.id, service_notice: notice(result.possibleDuplicates.length), account_id: null }];
    }, 201),
  );

  router.get(
    '/requests.json',
    handle(async (req) => {
      const q = req.query as Record<string, string | undefined>;
      const viewer = await keyViewer(q.api_key);
      const page = intParam(q.page, 'page', 1, 1, 1_000_000);
      const pageSize = intParam(q.page_size, 'page_size', 50, 1, MAX_PAGE_SIZE);
      return as(viewer, async (db, scope) => {
        const qb = applyScope(db.getRepository(Case).createQueryBuilder('c'), scope, 'Case', 'c');
        if (q.service_request_id) qb.andWhere('c.id::text IN (:...ids)', { ids: q.service_request_id.split(',') });
        if (q.service_code) qb.andWhere('c.category IN (:...codes)', { codes: q.service_code.split(',') });
        if (q.status) {
          const statuses = q.status.split(',');
          if (statuses.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Failure(400, 'status must be open or closed');
          qb.andWhere('c.status IN (:...st)', { st: statuses.flatMap((s) => (s === 'open' ? OPEN_STATUSES : CLOSED_STATUSES)) });
        }
        if (q.start_date) qb.andWhere('c.reported_at >= :start', { start: dateParam(q.start_date, 'start_date') });
        if (q.end_date) qb.andWhere('c.reported_at <= :end', { end: dateParam(q.end_date, 'end_date') });
        if (q.bbox) {
          const b = q.bbox.split(',').map(Number);
          if (b.length !== 4 || b.some((v) => !Number.isFinite(v)) || b[0] > b[2] || b[1] > b[3])
            throw new Open311Failure(400, 'bbox must be west,south,east,north');
          qb.andWhere('c.location && ST_MakeEnvelope(:w, :s, :e, :n, 4326)', { w: b[0], s: b[1], e: b[2], n: b[3] });
        }
        const rows = await qb
          .orderBy('c.seq', 'DESC')
          .offset((page - 1) * pageSize)
          .limit(pageSize)
          .getMany();
        return toRequests(db, rows);
      });
    }),
  );

  router.get(
    '/requests/:id.json',
    handle(async (req) => {
      const id = String(req.params.id);
      const viewer = await keyViewer((req.query as Record<string, string | undefined>).api_key);
      return as(viewer, async (db, scope) => {
        const row = /^[0-9a-f-]{36}$/i.test(id)
          ? await applyScope(db.getRepository(Case).createQueryBuilder('c'), scope, 'Case', 'c').andWhere('c.id = :id', { id }).getOne()
          : null;
        if (!row) throw new Open311Failure(404, `service_request_id ${id} not found`);
        return toRequests(db, [row]);
      });
    }),
  );

  return router;
}

function service(c: CaseCategory) {
  return {
    service_code: c.code,
    service_name: c.nameZh,
    description: `${c.nameEn}: ${c.description}`,
    metadata: false,
    type: 'realtime',
    keywords: c.nameEn.toLowerCase(),
    group: c.nameEn,
  };
}

function notice(duplicates: number): string {
  return duplicates ? `${duplicates} similar open request(s) nearby; the grid worker will check for duplicates` : '';
}

async function toRequests(db: Db, rows: Case[]) {
  const names = new Map((await db.getRepository(CaseCategory).find()).map((c) => [c.code, c.nameZh]));
  return rows.map((c) => ({
    service_request_id: c.id,
    status: CLOSED_STATUSES.includes(c.status) ? 'closed' : 'open',
    status_notes: c.rejectReason ?? c.feedback ?? null,
    service_name: names.get(c.category) ?? c.category,
    service_code: c.category,
    description: c.description,
    agency_responsible: c.department,
    service_notice: null,
    requested_datetime: c.reportedAt.toISOString(),
    updated_datetime: c.updatedAt.toISOString(),
    expected_datetime: c.dueAt?.toISOString() ?? null,
    address: c.address,
    address_id: null,
    zipcode: null,
    lat: c.location.coordinates[1],
    long: c.location.coordinates[0],
    media_url: null,
  }));
}

function intParam(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value == null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Open311Failure(400, `${name} must be an integer from ${min} to ${max}`);
  return n;
}

function dateParam(value: string, name: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Open311Failure(400, `${name} must be a W3C date-time`);
  return d;
}

/** Answers JSON, or the spec's error list `[{code, description}]` with the HTTP status. */
function handle(work: (req: Request) => Promise<unknown>, okStatus = 200) {
  return async (req: Request, res: Response) => {
    try {
      res.status(okStatus).json(await work(req));
    } catch (error) {
      const [status, description] =
        error instanceof Open311Failure
          ? [error.status, error.description]
          : error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT'
            ? [400, error.message]
            : [500, 'internal error'];
      if (status === 500) console.error('open311', error);
      const body: Open311Error[] = [{ code: status, description }];
      res.status(status).json(body);
    }
  };
}
