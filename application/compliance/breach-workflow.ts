import { conflict } from '../../domain/shared/errors';
import type { BreachInvestigation, BreachRecord, BreachStatus, MitigationStep } from '../ports/breach-log-repository';

/** DOMAIN.md §2.3.5: the breach status machine. `FALSE_POSITIVE` and `RESOLVED` are terminal. */
const NEXT: Readonly<Record<BreachStatus, readonly BreachStatus[]>> = {
  INVESTIGATING: ['CONFIRMED', 'FALSE_POSITIVE'],
  CONFIRMED: ['MITIGATED', 'RESOLVED'],
  MITIGATED: ['RESOLVED'],
  FALSE_POSITIVE: [],
  RESOLVED: [],
};

/** HHS must be told of a confirmed breach that touches 500 or more individuals (DOMAIN.md §2.1). */
const HHS_THRESHOLD = 500;

export interface BreachPatch {
  readonly status?: BreachStatus;
  readonly mitigationStep?: { readonly action: string; readonly result: string };
  readonly rootCause?: string;
  readonly resolutionNotes?: string;
  readonly individualsNotifiedAt?: Date;
  readonly hhsNotifiedAt?: Date;
}

const emptyInvestigation = (record: BreachRecord): BreachInvestigation => ({
  affectedCount: typeof record.details['affectedCount'] === 'number' ? record.details['affectedCount'] : 0,
  requiresHhsNotification: false,
  mitigationSteps: [],
  rootCause: null,
  resolutionNotes: null,
  individualsNotifiedAt: null,
  hhsNotifiedAt: null,
  resolvedAt: null,
  resolvedBy: null,
});

/** The record after a superAdmin's update; an impossible status change is 409 `Invalid status transition`. */
export const applyBreachPatch = (record: BreachRecord, patch: BreachPatch, by: string, now: Date): BreachRecord => {
  const status = patch.status ?? record.status;
  if (status !== record.status && !NEXT[record.status].includes(status))
    throw conflict('INVALID_STATUS_TRANSITION', 'Invalid status transition');
  const before = record.investigation ?? emptyInvestigation(record);
  const step: MitigationStep | null =
    patch.mitigationStep === undefined ? null : { ...patch.mitigationStep, takenAt: now, takenBy: by };
  const resolved = status === 'RESOLVED' && record.status !== 'RESOLVED';
  const investigation: BreachInvestigation = {
    ...before,
    requiresHhsNotification:
      status === 'CONFIRMED' && record.status !== 'CONFIRMED'
        ? before.affectedCount >= HHS_THRESHOLD
        : before.requiresHhsNotification,
    mitigationSteps: step === null ? before.mitigationSteps : [...before.mitigationSteps, step],
    rootCause: patch.rootCause ?? before.rootCause,
    resolutionNotes: patch.resolutionNotes ?? before.resolutionNotes,
    individualsNotifiedAt: patch.individualsNotifiedAt ?? before.individualsNotifiedAt,
    hhsNotifiedAt: patch.hhsNotifiedAt ?? before.hhsNotifiedAt,
    resolvedAt: resolved ? now : before.resolvedAt,
    resolvedBy: resolved ? by : before.resolvedBy,
  };
  return { ...record, status, investigation };
};
