import type { EntityManager } from 'typeorm';

/**
 * Removes every service row tied to a street (its communities' registrations and teams,
 * its households' needs, wishes and visits, and everything hanging off them), so the
 * street itself can be deleted. Called first by deleteStreet.
 */
export async function deleteStreetServices(m: EntityManager, streetId: string): Promise<void> {
  const regs = `SELECT r.id FROM service_registration r
     WHERE r.community_id IN (SELECT id FROM grid WHERE street_id = $1)
        OR r.household_id IN (SELECT h.id FROM household h JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id
                               WHERE g.street_id = $1)`;
  const needs = `SELECT n.id FROM service_need n JOIN grid g ON g.id = n.grid_id WHERE g.street_id = $1`;
  const wishes = `SELECT w.id FROM micro_wish w JOIN grid g ON g.id = w.grid_id WHERE g.street_id = $1`;
  const visits = `SELECT v.id FROM household_visit v JOIN household h ON h.id = v.household_id
                    JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id WHERE g.street_id = $1`;
  const teams = `SELECT t.id FROM volunteer_team t JOIN grid g ON g.id = t.community_id WHERE g.street_id = $1`;
  const matches = `SELECT x.id FROM service_match x WHERE x.need_id IN (${needs}) OR x.registration_id IN (${regs})`;
  const activities = `SELECT a.id FROM team_activity a WHERE a.team_id IN (${teams})`;
  await m.query(
    `DELETE FROM service_event
      WHERE subject_id IN (${regs}) OR subject_id IN (${needs}) OR subject_id IN (${matches}) OR subject_id IN (${wishes})
        OR subject_id IN (${visits}) OR subject_id IN (${teams}) OR subject_id IN (${activities})`,
    [streetId],
  );
  await m.query(
    `DELETE FROM service_record WHERE registration_id IN (${regs}) OR match_id IN (${matches}) OR activity_id IN (${activities})`,
    [streetId],
  );
  await m.query(`DELETE FROM service_match WHERE id IN (${matches})`, [streetId]);
  await m.query(`DELETE FROM wish_claim WHERE registration_id IN (${regs}) OR wish_id IN (${wishes})`, [streetId]);
  await m.query(`UPDATE micro_wish SET helper_id = NULL WHERE helper_id IN (${regs})`, [streetId]);
  await m.query(`DELETE FROM micro_wish WHERE id IN (${wishes})`, [streetId]);
  await m.query(`DELETE FROM service_need WHERE id IN (${needs})`, [streetId]);
  await m.query(`DELETE FROM household_visit WHERE id IN (${visits})`, [streetId]);
  await m.query(`DELETE FROM activity_signup WHERE registration_id IN (${regs})`, [streetId]);
  await m.query(`DELETE FROM team_member WHERE registration_id IN (${regs})`, [streetId]);
  await m.query(`DELETE FROM volunteer_team WHERE id IN (${teams})`, [streetId]);
  await m.query(`UPDATE service_registration SET unit_id = NULL WHERE unit_id IN (${regs})`, [streetId]);
  await m.query(`DELETE FROM service_registration WHERE id IN (${regs})`, [streetId]);
}
