import type { SkillRow, VisitRow } from './operations';

/** How long helping with a need takes: the choices the forms offer (minutes). */
export const DURATIONS = [30, 60, 90, 120, 180];

/** Minutes after midnight as HH:MM. */
export function clock(minute: number): string {
  const m = Math.max(0, Math.min(24 * 60, Math.round(minute)));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "HH:MM" as minutes after midnight ("24:00" is 1440); null when it is not a time. */
export function minutesOf(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minutes <= 1440 ? minutes : null;
}

/** A skill code's name in the language (zh-* Chinese, else English); the code itself when unknown. */
export function skillName(skills: readonly SkillRow[], code: string, language: string): string {
  const skill = skills.find((s) => s.code === code);
  if (!skill) return code;
  return language.startsWith('zh') ? skill.nameZh : skill.nameEn;
}

/** Overdue visits first (most overdue first), then those due, soonest first. */
export function sortVisits(rows: readonly VisitRow[]): VisitRow[] {
  return [...rows].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.nextDueAt.localeCompare(b.nextDueAt));
}
