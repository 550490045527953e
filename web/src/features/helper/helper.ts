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
    a.period.localeCompare(b.period) || (a.need?.weekday ?? 0) - (b.need?.weekday ?? 0) || (a.need?.startMinute ?? 0) - (b.need?.startMinute ?? 0);
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

/** The calendar month of `at` on the street's calendar (Asia/Shanghai, UTC+8 all year) as [from, to) instants. */
export function monthOf(at: Date): { from: string; to: string } {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const from = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - 8 * 3_600_000;
  const to = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - 8 * 3_600_000;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
