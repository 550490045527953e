import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case numbers a person can read out over the phone: `YYYYMMDD-NNNN`, per street, in report
 * order within the day (Beijing time). A BEFORE INSERT trigger takes the next number from
 * `case_number_counter` with one upsert on the (street, day) row, in the inserting statement's
 * transaction: parallel reports queue on that row lock, so no two cases get the same number;
 * a report that rolls back after taking one leaves a gap. The trigger runs as the owner
 * (SECURITY DEFINER) since no viewer role may read or write the counter. Existing cases are
 * numbered by report time (then insertion order).
 */
export class CaseNumbers1765500000000 implements MigrationInterface {
  name = 'CaseNumbers1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_number_counter (
        street text NOT NULL,
        day date NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (street, day)
      )`);
    await q.query(`ALTER TABLE "case" ADD COLUMN number text`);
    await q.query(`
      CREATE FUNCTION case_local_day(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
        SELECT ((at AT TIME ZONE 'UTC') + interval '8 hours')::date $$`);
    await q.query(`
      CREATE FUNCTION case_number_format(day date, n integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT to_char(day, 'YYYYMMDD') || '-' || CASE WHEN n < 10000 THEN lpad(n::text, 4, '0') ELSE n::text END $$`);
    await q.query(`
      WITH numbered AS (
        SELECT id, case_local_day(reported_at) AS day,
               row_number() OVER (PARTITION BY subpath(grid_path, 0, 1), case_local_day(reported_at) ORDER BY reported_at, seq) AS n
          FROM "case")
      UPDATE "case" c SET number = case_number_format(numbered.day, numbered.n::int) FROM numbered WHERE numbered.id = c.id`);
    await q.query(`
      INSERT INTO case_number_counter (street, day, last)
      SELECT subpath(grid_path, 0, 1)::text, case_local_day(reported_at), count(*)::int FROM "case" GROUP BY 1, 2`);
    await q.query(`ALTER TABLE "case" ALTER COLUMN number SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX case_street_number ON "case" ((subpath(grid_path, 0, 1)), number)`);
    await q.query(`CREATE INDEX case_number ON "case" (number)`);
    await q.query(`
      CREATE FUNCTION assign_case_number() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        d date := case_local_day(NEW.reported_at);
        n integer;
      BEGIN
        IF NEW.number IS NOT NULL THEN RETURN NEW; END IF;
        INSERT INTO case_number_counter AS k (street, day, last) VALUES (subpath(NEW.grid_path, 0, 1)::text, d, 1)
          ON CONFLICT (street, day) DO UPDATE SET last = k.last + 1
          RETURNING last INTO n;
        NEW.number := case_number_format(d, n);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER case_number BEFORE INSERT ON "case" FOR EACH ROW EXECUTE FUNCTION assign_case_number()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER case_number ON "case"`);
    await q.query(`DROP FUNCTION assign_case_number()`);
    await q.query(`DROP INDEX case_number`);
    await q.query(`DROP INDEX case_street_number`);
    await q.query(`ALTER TABLE "case" DROP COLUMN number`);
    await q.query(`DROP FUNCTION case_number_format(date, integer)`);
    await q.query(`DROP FUNCTION case_local_day(timestamptz)`);
    await q.query(`DROP TABLE case_number_counter`);
  }
}
