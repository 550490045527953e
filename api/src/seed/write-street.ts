import { codeToLtreePath } from '@streetgrid/geo';
import type { EntityManager } from 'typeorm';
import { deleteStreetServices } from './delete-street-services';
import type { StreetData } from './street-data';

/** Rows per INSERT: large enough to be fast, small enough for PGlite's message size. */
const CHUNK = 2000;

export interface WriteProgress {
  (table: string, done: number, total: number): void;
}

/**
 * Writes a street in one transaction with multi-row `INSERT … SELECT FROM unnest(…)`,
 * which works the same on PostgreSQL and on the embedded PGlite. Idempotent: a street
 * whose code already exists is replaced whole (its rows deleted first), so re-running
 * a seed never duplicates. Grid paths, label points, areas and centroids are computed
 * by PostGIS here, not trusted from the input.
 */
export async function writeStreet(m: EntityManager, data: StreetData, progress: WriteProgress = () => {}): Promise<void> {
  await deleteStreet(m, data.street.code);
  await m.query(
    `INSERT INTO street (id, code, name, geom, area_m2)
     SELECT $1, $2, $3, g, ST_Area(g::geography) FROM (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($4), 4326)) g) x`,
    [data.street.id, data.street.code, data.street.name, JSON.stringify(data.street.geometry)],
  );
  // Parents before children: LARGE, then MEDIUM, then SMALL.
  for (const level of ['LARGE', 'MEDIUM', 'SMALL'] as const) {
    const grids = data.grids.filter((g) => g.level === level);
    await chunked(grids, 'grid', progress, (rows) =>
      m.query(
        `INSERT INTO grid (id, street_id, parent_id, code, name, level, path, geom, label_point, area_m2)
         SELECT id, $1, parent_id, code, name, level::grid_level, path::ltree, g, ST_PointOnSurface(g), ST_Area(g::geography)
           FROM (SELECT *, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)) g
                   FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                        AS t(id, parent_id, code, name, level, path, geojson)) x`,
        [
          data.street.id,
          rows.map((g) => g.id),
          rows.map((g) => g.parentId),
          rows.map((g) => g.code),
          rows.map((g) => g.name),
          rows.map((g) => g.level),
          rows.map((g) => codeToLtreePath(g.code)),
          rows.map((g) => JSON.stringify(g.geometry)),
        ],
      ),
    );
  }
  await chunked(data.buildings, 'building', progress, (rows) =>
    m.query(
      `INSERT INTO building (id, grid_id, code, name, address, floors, units, footprint, centroid)
       SELECT id, grid_id, code, name, address, floors, units, g, ST_PointOnSurface(g)
         FROM (SELECT *, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)) g
                 FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[])
                      AS t(id, grid_id, code, name, address, floors, units, geojson)) x`,
      [
        rows.map((b) => b.id),
        rows.map((b) => b.gridId),
        rows.map((b) => b.code),
        rows.map((b) => b.name),
        rows.map((b) => b.address),
        rows.map((b) => b.floors),
        rows.map((b) => b.units),
        rows.map((b) => JSON.stringify(b.footprint)),
      ],
    ),
  );
  await chunked(data.households, 'household', progress, (rows) =>
    m.query(
      `INSERT INTO household (id, building_id, unit, room, address, size, tags)
       SELECT id, building_id, unit, room, address, size, coalesce(string_to_array(nullif(tags, ''), ','), '{}')::text[]
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::int[], $7::text[])
              AS t(id, building_id, unit, room, address, size, tags)`,
      [
        rows.map((h) => h.id),
        rows.map((h) => h.buildingId),
        rows.map((h) => h.unit),
        rows.map((h) => h.room),
        rows.map((h) => h.address),
        rows.map((h) => h.size),
        rows.map((h) => h.tags.join(',')),
      ],
    ),
  );
  await chunked(data.residents, 'resident', progress, (rows) =>
    m.query(
      `INSERT INTO resident (id, household_id, name, gender, birth_year, relation, phone, id_number,
                             is_party_member, is_volunteer, is_retired_cadre, is_in_service_party_member)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[],
                            $9::bool[], $10::bool[], $11::bool[], $12::bool[])`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.householdId),
        rows.map((r) => r.name),
        rows.map((r) => r.gender),
        rows.map((r) => r.birthYear),
        rows.map((r) => r.relation),
        rows.map((r) => r.phone),
        rows.map((r) => r.idNumber),
        rows.map((r) => r.isPartyMember),
        rows.map((r) => r.isVolunteer),
        rows.map((r) => r.isRetiredCadre),
        rows.map((r) => r.isInServicePartyMember),
      ],
    ),
  );
  const orgLevels = ['STREET_COMMITTEE', 'COMMUNITY', 'COMPOUND_BRANCH', 'BUILDING_GROUP', 'CENTRAL_HOUSEHOLD'] as const;
  for (const level of orgLevels) {
    const orgs = data.partyOrganizations.filter((o) => o.level === level);
    await chunked(orgs, 'party_organization', progress, (rows) =>
      m.query(
        `INSERT INTO party_organization (id, street_id, parent_id, level, name, grid_id, household_id, secretary_id, secretary_name)
         SELECT id, $1, parent_id, level, name, grid_id, household_id, secretary_id, secretary_name
           FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::uuid[], $9::text[])
                AS t(id, parent_id, level, name, grid_id, household_id, secretary_id, secretary_name)`,
        [
          data.street.id,
          rows.map((o) => o.id),
          rows.map((o) => o.parentId),
          rows.map((o) => o.level),
          rows.map((o) => o.name),
          rows.map((o) => o.gridId),
          rows.map((o) => o.householdId),
          rows.map((o) => o.secretaryId),
          rows.map((o) => o.secretaryName),
        ],
      ),
    );
  }
  await chunked(data.leaders, 'grid_leader', progress, (rows) =>
    m.query(
      `INSERT INTO grid_leader (id, grid_id, resident_id, name, role, since)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::date[])`,
      [
        rows.map((l) => l.id),
        rows.map((l) => l.gridId),
        rows.map((l) => l.residentId),
        rows.map((l) => l.name),
        rows.map((l) => l.role),
        rows.map((l) => l.since),
      ],
    ),
  );
  await chunked(data.basemap ?? [], 'basemap_feature', progress, (rows) =>
    m.query(
      `INSERT INTO basemap_feature (street_id, code, kind, name, geom)
       SELECT $1, code, kind, name, ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(code, kind, name, geojson)`,
      [
        data.street.id,
        rows.map((f) => f.code),
        rows.map((f) => f.kind),
        rows.map((f) => f.name),
        rows.map((f) => JSON.stringify(f.geometry)),
      ],
    ),
  );
}

/** Removes a street and everything under it (children first). */
export async function deleteStreet(m: EntityManager, code: string): Promise<void> {
  const found: { id: string }[] = await m.query(`SELECT id FROM street WHERE code = $1`, [code]);
  if (!found.length) return;
  const streetId = found[0].id;
  await deleteStreetServices(m, streetId);
  await m.query(`DELETE FROM basemap_feature WHERE street_id = $1`, [streetId]);
  await m.query(
    `DELETE FROM case_event WHERE case_id IN (SELECT c.id FROM "case" c JOIN grid g ON g.id = c.grid_id WHERE g.street_id = $1)`,
    [streetId],
  );
  await m.query(`DELETE FROM "case" WHERE grid_id IN (SELECT id FROM grid WHERE street_id = $1)`, [streetId]);
  await m.query(`DELETE FROM grid_leader WHERE grid_id IN (SELECT id FROM grid WHERE street_id = $1)`, [streetId]);
  await m.query(`DELETE FROM party_organization WHERE street_id = $1`, [streetId]);
  await m.query(`DELETE FROM party_service_post WHERE street_id = $1`, [streetId]);
  await m.query(
    `DELETE FROM resident WHERE household_id IN (
       SELECT h.id FROM household h JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id WHERE g.street_id = $1)`,
    [streetId],
  );
  await m.query(
    `DELETE FROM household WHERE building_id IN (SELECT b.id FROM building b JOIN grid g ON g.id = b.grid_id WHERE g.street_id = $1)`,
    [streetId],
  );
  await m.query(`DELETE FROM building WHERE grid_id IN (SELECT id FROM grid WHERE street_id = $1)`, [streetId]);
  await m.query(`DELETE FROM grid WHERE street_id = $1 AND level = 'SMALL'`, [streetId]);
  await m.query(`DELETE FROM grid WHERE street_id = $1 AND level = 'MEDIUM'`, [streetId]);
  await m.query(`DELETE FROM grid WHERE street_id = $1`, [streetId]);
  await m.query(`DELETE FROM street WHERE id = $1`, [streetId]);
}

async function chunked<T>(rows: T[], table: string, progress: WriteProgress, write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await write(rows.slice(i, i + CHUNK));
    progress(table, Math.min(i + CHUNK, rows.length), rows.length);
  }
}
