import type { Point } from 'geojson';

export type CaseStatus = 'REPORTED' | 'FILED' | 'DISPATCHED' | 'IN_PROGRESS' | 'HANDLED' | 'CLOSED' | 'RATED' | 'REJECTED' | 'ESCALATED';

/** Statuses of a case still in the loop (the API's OPEN_STATUSES). */
export const OPEN_STATUSES = ['REPORTED', 'FILED', 'DISPATCHED', 'IN_PROGRESS', 'HANDLED', 'ESCALATED'] as const satisfies readonly CaseStatus[];
export const ALL_STATUSES: readonly CaseStatus[] = [...OPEN_STATUSES, 'CLOSED', 'RATED', 'REJECTED'];

export function isOpen(status: CaseStatus): boolean {
  return (OPEN_STATUSES as readonly CaseStatus[]).includes(status);
}

/** A case as pins, lists and the feed show it. */
export interface CaseSummary {
  id: string;
  status: CaseStatus;
  category: string;
  description: string;
  address: string | null;
  priority: string;
  overdue: boolean;
  reportedAt: string;
  dueAt: string | null;
  gridId: string;
  version: number;
  location: Point;
}

export interface CaseTimelineEntry {
  id: string;
  type: string;
  at: string;
  actorName: string;
  actorRole: string;
  toStatus: CaseStatus;
  note: string | null;
}

/** A request for a later deadline, waiting for the command centre. */
export interface ExtensionRequest {
  eventId: string;
  until: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
}

export interface CaseDetail extends CaseSummary {
  feedback: string | null;
  /** Content hashes; the image is at `/photos/<hash>`. */
  photos: string[];
  pendingExtension: ExtensionRequest | null;
  timeline: CaseTimelineEntry[];
}

/** One `caseUpdates` event. `id` is the cursor to resume after. */
export interface CaseEvent {
  id: string;
  type: string;
  at: string;
  actorName: string;
  toStatus: CaseStatus;
  caseId: string;
  version: number;
  case: CaseSummary;
}

export interface CaseCategory {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** What `caseIndicators` answers, the part the KPI band uses. */
export interface CaseIndicators {
  filed: number;
  closed: number;
  closedOnTime: number;
  dueToClose: number;
  rated: number;
  onTimeClosureRate: number | null;
  satisfaction: number | null;
}
