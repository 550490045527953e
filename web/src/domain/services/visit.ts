import type { VisitInput } from '../../graphql/generated/graphql';
import { minutesOf } from './services';

/** A need found on a visit, as the form edits it. */
export interface VisitNeedDraft {
  type: string;
  urgency: 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT';
  weekday: number;
  from: string;
  to: string;
  /** Minutes helping takes. */
  duration: number;
  notes: string;
}

export interface VisitDraft {
  householdId: string;
  findings: string;
  /** null: no need raised. */
  need: VisitNeedDraft | null;
  /** Where the leader checked in (the phone's position), if they shared it. */
  checkIn: { lng: number; lat: number } | null;
}

export type VisitError =
  'services.visitForm.needFindings' | 'services.visitForm.needType' | 'services.visitForm.badWindow' | 'services.visitForm.tooLong';

/** The `recordVisit` input for a visit made `at`, or the first field at fault as the API names it. */
export function visitInput(d: VisitDraft, at: Date): { input: VisitInput } | { field: string; error: VisitError } {
  const findings = d.findings.trim();
  if (!findings) return { field: 'input.findings', error: 'services.visitForm.needFindings' };
  const input: VisitInput = { householdId: d.householdId, visitedAt: at.toISOString(), findings };
  if (d.checkIn) Object.assign(input, { checkInLng: d.checkIn.lng, checkInLat: d.checkIn.lat });
  if (d.need) {
    if (!d.need.type) return { field: 'input.needs.0.type', error: 'services.visitForm.needType' };
    const startMinute = minutesOf(d.need.from);
    const endMinute = minutesOf(d.need.to);
    if (startMinute === null || endMinute === null || endMinute <= startMinute)
      return { field: 'input.needs.0.window.endMinute', error: 'services.visitForm.badWindow' };
    if (d.need.duration > endMinute - startMinute) return { field: 'input.needs.0.durationMinutes', error: 'services.visitForm.tooLong' };
    input.needs = [
      {
        type: d.need.type,
        urgency: d.need.urgency,
        window: { weekday: d.need.weekday, startMinute, endMinute },
        durationMinutes: d.need.duration,
        notes: d.need.notes.trim() || null,
      },
    ];
  }
  return { input };
}
