import { minutesOf } from '../../domain/services/services';
import type { RegistrationInput } from '../../graphql/generated/graphql';
import type { TaskRow } from './operations';

export interface TaskGroups {
  /** Confirmed by a leader: accept or decline. */
  toAnswer: TaskRow[];
  /** Accepted: do it, then record the hours. */
  toDo: TaskRow[];
  done: TaskRow[];
}

/** The helper's tasks by what they ask of the helper, each group by week, then day and time. */
export function groupTasks(tasks: readonly TaskRow[]): TaskGroups {
  const order = (a: TaskRow, b: TaskRow) =>
    a.period.localeCompare(b.period) ||
    (a.need?.weekday ?? 0) - (b.need?.weekday ?? 0) ||
    (a.need?.startMinute ?? 0) - (b.need?.startMinute ?? 0);
  const sorted = [...tasks].sort(order);
  return {
    toAnswer: sorted.filter((t) => t.status === 'CONFIRMED'),
    toDo: sorted.filter((t) => t.status === 'ACCEPTED'),
    done: sorted.filter((t) => t.status === 'DONE').reverse(),
  };
}

/** Hours typed by the helper: a number more than 0 and at most 24 (the API's rule), else null. */
export function parseHours(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) && value > 0 && value <= 24 ? value : null;
}

/** One weekly window as the form edits it: a weekday (1 = Monday … 7 = Sunday) and "HH:MM" times. */
export interface WindowDraft {
  weekday: number;
  from: string;
  to: string;
}

export interface RegistrationDraft {
  kind: 'VOLUNTEER' | 'MEMBER';
  name: string;
  unitName: string;
  skills: string[];
  windows: WindowDraft[];
  radiusM: string;
  weeklyCapacity: string;
  /** A point clicked on the map; null: start from home. */
  point: { lng: number; lat: number } | null;
}

/**
 * The `registerForService` input of the helper's own registration form, or the first field at
 * fault (named as the API names it) with a message key. The API checks it all again.
 */
export type RegistrationError =
  | 'helper.form.needName'
  | 'helper.form.needSkill'
  | 'helper.form.needWindow'
  | 'helper.form.badWindow'
  | 'helper.form.badRadius'
  | 'helper.form.badCapacity';

export function registrationInput(d: RegistrationDraft): { input: RegistrationInput } | { field: string; error: RegistrationError } {
  const name = d.name.trim();
  if (!name) return { field: 'input.name', error: 'helper.form.needName' };
  if (d.skills.length === 0) return { field: 'input.skills', error: 'helper.form.needSkill' };
  if (d.windows.length === 0) return { field: 'input.availability', error: 'helper.form.needWindow' };
  const availability: RegistrationInput['availability'] = [];
  for (const [i, w] of d.windows.entries()) {
    const startMinute = minutesOf(w.from);
    const endMinute = minutesOf(w.to);
    if (startMinute === null || endMinute === null || endMinute <= startMinute)
      return { field: `input.availability.${i}.endMinute`, error: 'helper.form.badWindow' };
    availability.push({ weekday: w.weekday, startMinute, endMinute });
  }
  const radiusM = Number(d.radiusM);
  if (!Number.isInteger(radiusM) || radiusM < 50 || radiusM > 50_000) return { field: 'input.radiusM', error: 'helper.form.badRadius' };
  const weeklyCapacity = Number(d.weeklyCapacity);
  if (!Number.isInteger(weeklyCapacity) || weeklyCapacity < 1 || weeklyCapacity > 50)
    return { field: 'input.weeklyCapacity', error: 'helper.form.badCapacity' };
  const input: RegistrationInput = {
    kind: d.kind,
    name,
    unitName: d.unitName.trim() || null,
    skills: d.skills,
    radiusM,
    weeklyCapacity,
    availability,
  };
  if (d.point) Object.assign(input, { lng: d.point.lng, lat: d.point.lat });
  return { input };
}
