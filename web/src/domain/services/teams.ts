import { STREET_OFFSET_MS } from '../../i18n/format';

/** The `createTeamActivity` input from the leader's form: a local date-time on the street's calendar (UTC+8) and a duration. */
export function activityTimes(localStart: string, hours: number): { startsAt: string; endsAt: string } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(localStart);
  if (!m || !(hours > 0) || hours > 24) return null;
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) - STREET_OFFSET_MS;
  if (Number.isNaN(start)) return null;
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + hours * 3_600_000).toISOString() };
}
