import type { DataSource } from 'typeorm';
import type { EventBus } from '../../platform/events/bus';
import type { CaseEvent } from './case.entity';
import { appendEvent, CASE_EVENTS, escalationGrid } from './case.events';
import { nextEscalation, OVERDUE_ESCALATION_NOTE } from './case.rules';
import { SYSTEM_ACTOR } from '../../platform/identity/actor';

/** Cases handled per sweep transaction. */
const SWEEP_BATCH = 200;

/**
 * Marks overdue every open case whose deadline passed before `now` and escalates it one
 * level up the grid chain. All state is in the database (`due_at`, `overdue`), so a
 * restart loses nothing; `FOR UPDATE SKIP LOCKED` lets several API processes sweep at
 * once without acting on the same case twice. Answers the number of cases escalated.
 */
export async function runOverdueSweep(ds: DataSource, bus: EventBus, now: Date = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const events = await ds.transaction(async (m) => {
      const due: { id: string; status: string; escalated_to: string | null; due_at: Date; grid_path: string }[] = await m.query(
        `SELECT id, status, escalated_to, due_at, grid_path::text AS grid_path FROM "case"
          WHERE status IN ('FILED', 'DISPATCHED', 'IN_PROGRESS', 'ESCALATED') AND NOT overdue AND due_at < $1
          ORDER BY due_at LIMIT ${SWEEP_BATCH}
          FOR UPDATE SKIP LOCKED`,
        [now],
      );
      const out: CaseEvent[] = [];
      for (const c of due) {
        const escalatedTo = nextEscalation(c.escalated_to);
        const grid = await escalationGrid(m, c.grid_path, escalatedTo);
        await m.query(
          `UPDATE "case" SET overdue = true, status = 'ESCALATED', escalated_to = $2, version = version + 1, updated_at = now()
           WHERE id = $1`,
          [c.id, escalatedTo],
        );
        out.push(
          await appendEvent(m, c.id, {
            type: 'ESCALATED',
            fromStatus: c.status,
            actor: SYSTEM_ACTOR,
            note: OVERDUE_ESCALATION_NOTE,
            data: {
              overdue: true,
              escalatedTo,
              toGridId: grid?.id ?? null,
              toGridCode: grid?.code ?? null,
              dueAt: new Date(c.due_at).toISOString(),
              sweptAt: now.toISOString(),
            },
          }),
        );
      }
      return out;
    });
    await bus.publish(CASE_EVENTS, events);
    total += events.length;
    if (events.length < SWEEP_BATCH) return total;
  }
}
