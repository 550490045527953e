import type { Db } from '../../platform/db/session';
import { badInput, notFound } from '../../platform/graphql/errors';
import { inTransaction } from '../../platform/graphql/transaction';
import { uuid } from '../../platform/graphql/validate';
import { requireCan } from '../../platform/identity/policy';
import type { Viewer } from '../../platform/identity/viewer';
import { PartyOrganization, PartyOrgLevel } from './party.entity';

/** How many neighbouring households a central household (党员中心户) looks after. */
export const LINKS_MIN = 5;
export const LINKS_MAX = 15;

/** The community (LARGE grid) part of a place's path: `s<street>.c<community>`. */
const COMMUNITY = (path: string) => path.split('.').slice(0, 2).join('.');

/**
 * 联系户 — replaces the households a central household looks after: 5 to 15 distinct
 * households of its community, not itself, each one the caller can see (row-level security);
 * the street admin or a leader of the households' grids (EDIT_PLACES). One transaction.
 */
export async function setCentralHouseholdLinks(
  db: Db,
  viewer: Viewer,
  organizationId: string,
  householdIds: readonly string[],
): Promise<PartyOrganization> {
  requireCan(viewer, 'EDIT_PLACES');
  uuid(organizationId, 'organizationId');
  const ids = householdIds.map((id) => uuid(id, 'householdIds'));
  if (new Set(ids).size !== ids.length) throw badInput('householdIds', 'lists a household twice');
  if (ids.length < LINKS_MIN || ids.length > LINKS_MAX)
    throw badInput('householdIds', `a central household looks after ${LINKS_MIN} to ${LINKS_MAX} households`, {
      min: LINKS_MIN,
      max: LINKS_MAX,
    });
  return inTransaction(db, {}, async (m) => {
    const org = await m.getRepository(PartyOrganization).findOneBy({ id: organizationId });
    if (!org || org.dissolvedAt) throw notFound('PartyOrganization', organizationId);
    if (org.level !== PartyOrgLevel.CENTRAL_HOUSEHOLD || !org.householdId)
      throw badInput('organizationId', 'is not a central household (党员中心户)');
    const [own]: { grid_path: string }[] = await m.query(`SELECT grid_path::text FROM household WHERE id = $1`, [org.householdId]);
    if (!own) throw notFound('PartyOrganization', organizationId);
    requireCan(viewer, 'EDIT_PLACES', { path: own.grid_path });
    if (ids.includes(org.householdId)) throw badInput('householdIds', 'lists the central household itself');
    const found: { id: string; grid_path: string }[] = await m.query(
      `SELECT id, grid_path::text FROM household WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    if (found.length !== ids.length) throw badInput('householdIds', 'no such household (or out of your reach)');
    const community = COMMUNITY(own.grid_path);
    if (found.some((h) => COMMUNITY(h.grid_path) !== community))
      throw badInput('householdIds', 'the households are in the central household’s community');
    for (const h of found) requireCan(viewer, 'EDIT_PLACES', { path: h.grid_path });
    await m.query(`DELETE FROM central_household_link WHERE organization_id = $1`, [org.id]);
    await m.query(
      `INSERT INTO central_household_link (organization_id, household_id, central_household_id) SELECT $1, unnest($2::uuid[]), $3`,
      [org.id, ids, org.householdId],
    );
    await m.query(`UPDATE party_organization SET updated_at = now() WHERE id = $1`, [org.id]);
    return org;
  });
}
