import type { EntityManager } from 'typeorm';
import type { Db } from '../../platform/db/session';
import { badInput, conflict, notFound } from '../../platform/graphql/errors';
import { inTransaction } from '../../platform/graphql/transaction';
import { isUuid, optionalText, text, uuid } from '../../platform/graphql/validate';
import { requireCan } from '../../platform/identity/policy';
import type { Scope } from '../../platform/identity/scope';
import { actorLabel } from '../../platform/identity/viewer';
import { CONCERNS, GRID_JSON, PUBLICITY_CONSTRAINT_FIELDS, status, versionArg, writableGrid } from './publicity.rules';
import { type DeedInput, DeedPersonKind, type ExemplaryDeed, PublicationStatus } from './publicity.type';

const COLUMNS = `d.id, ${GRID_JSON('g')} AS grid, d.person_name AS "personName", d.person_kind AS "personKind", d.title, d.story,
  d.consent_at AS "consentAt", d.consent_note AS "consentNote", d.status, d.published_at AS "publishedAt", d.version`;
const FROM = `exemplary_deed d JOIN public_grid g ON g.id = d.grid_id`;
const KINDS = new Set<string>(Object.values(DeedPersonKind));

function clean(input: DeedInput) {
  const gridId = uuid(input.gridId, 'input.gridId');
  const personName = text(input.personName, 'input.personName', 50);
  if (!KINDS.has(input.personKind)) throw badInput('input.personKind', 'must be GRID_WORKER or VOLUNTEER');
  const title = text(input.title, 'input.title', 100);
  const story = text(input.story, 'input.story', 4000);
  const consentNote = optionalText(input.consentNote, 'input.consentNote', 200);
  const st = status(input.status, 'input.status');
  if (st === PublicationStatus.PUBLISHED && !input.consentGiven)
    throw badInput('input.consentGiven', 'a deed is published only with the person’s recorded consent');
  if (!input.consentGiven && consentNote) throw badInput('input.consentNote', 'only with consent given');
  return { gridId, personName, personKind: input.personKind, title, story, consentGiven: !!input.consentGiven, consentNote, status: st };
}

/**
 * 先进事迹 — deeds of grid workers and volunteers. A deed is published only once the person's
 * consent is recorded (when, how, and by whom; a database check holds it too); withdrawing
 * consent takes a published deed back to draft.
 */
export class DeedService {
  constructor(private readonly db: Db) {}

  async list(scope: Scope, gridId: string | null | undefined): Promise<ExemplaryDeed[]> {
    scope.requireSignedIn();
    if (gridId != null) uuid(gridId, 'gridId');
    return this.db.query(
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE ${CONCERNS('d')}
        ORDER BY coalesce(d.published_at, d.created_at) DESC, d.id LIMIT 200`,
      [gridId ?? null],
    );
  }

  async create(scope: Scope, input: DeedInput): Promise<ExemplaryDeed> {
    requireCan(scope.viewer, 'PUBLICITY');
    const c = clean(input);
    return inTransaction(this.db, PUBLICITY_CONSTRAINT_FIELDS, async (m) => {
      const grid = await writableGrid(m, scope, c.gridId, 'input.gridId');
      const [{ id }] = await m.query(
        `INSERT INTO exemplary_deed (grid_id, grid_path, person_name, person_kind, title, story, consent_at, consent_note,
                                     consent_recorded_by, status, published_at)
         VALUES ($1, $2::ltree, $3, $4, $5, $6, CASE WHEN $7 THEN now() END, $8, CASE WHEN $7 THEN $9 END, $10,
                 CASE WHEN $10 = 'PUBLISHED' THEN now() END) RETURNING id`,
        [
          grid.id,
          grid.path,
          c.personName,
          c.personKind,
          c.title,
          c.story,
          c.consentGiven,
          c.consentNote,
          actorLabel(scope.viewer),
          c.status,
        ],
      );
      return this.read(m, id);
    });
  }

  async update(scope: Scope, id: string, version: number, input: DeedInput): Promise<ExemplaryDeed> {
    requireCan(scope.viewer, 'PUBLICITY');
    if (!isUuid(id)) throw notFound('ExemplaryDeed', id);
    const expected = versionArg(version);
    const c = clean(input);
    return inTransaction(this.db, PUBLICITY_CONSTRAINT_FIELDS, async (m) => {
      const [row] = await m.query(`SELECT grid_path::text AS path, version FROM exemplary_deed WHERE id = $1`, [id]);
      if (!row) throw notFound('ExemplaryDeed', id);
      requireCan(scope.viewer, 'PUBLICITY', { path: row.path });
      if (row.version !== expected) throw conflict('ExemplaryDeed', id, expected, row.version);
      const grid = await writableGrid(m, scope, c.gridId, 'input.gridId');
      const [updated]: [{ id: string }[], number] = await m.query(
        `UPDATE exemplary_deed SET grid_id = $2, grid_path = $3::ltree, person_name = $4, person_kind = $5, title = $6, story = $7,
                consent_at = CASE WHEN $8 THEN coalesce(consent_at, now()) END,
                consent_note = $9,
                consent_recorded_by = CASE WHEN $8 THEN coalesce(consent_recorded_by, $10) END,
                status = $11, published_at = CASE WHEN $11 = 'PUBLISHED' THEN coalesce(published_at, now()) END,
                version = version + 1
          WHERE id = $1 AND version = $12 RETURNING id`,
        [
          id,
          grid.id,
          grid.path,
          c.personName,
          c.personKind,
          c.title,
          c.story,
          c.consentGiven,
          c.consentNote,
          actorLabel(scope.viewer),
          c.status,
          expected,
        ],
      );
      if (!updated.length) throw conflict('ExemplaryDeed', id, expected, expected + 1);
      return this.read(m, id);
    });
  }

  private async read(m: EntityManager, id: string): Promise<ExemplaryDeed> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.id = $1`, [id]);
    return row;
  }
}
