import { patientOfAlert, type Alert } from '../../domain/alerts/alert';
import type { Conversation, ConversationStatus } from '../../domain/conversations/conversation';
import type { AlertRepository } from '../alerts/alert-repository';
import type { ConversationRepository } from '../ports/conversation-repository';
import type { ReportPeriod } from './report-period';

/** Every status: a report counts unanswered and machine-answered calls too. */
const ALL_STATUSES: readonly ConversationStatus[] = [
  'reserved',
  'initiated',
  'in-progress',
  'completed',
  'failed',
  'machine',
];
const PAGE_SIZE = 100;

const inPeriod = (at: Date, period: ReportPeriod): boolean =>
  at.getTime() >= period.start.getTime() && at.getTime() < period.end.getTime();

/**
 * The patient's conversations placed (created) in the period, read newest first page by page through the
 * existing list query and stopped at the first page that reaches back before the period.
 */
export const conversationsInPeriod = async (
  conversations: ConversationRepository,
  patientId: string,
  period: ReportPeriod,
): Promise<Conversation[]> => {
  const found: Conversation[] = [];
  for (let page = 1; ; page += 1) {
    const batch = await conversations.listOfPatient({
      patientId,
      statuses: ALL_STATUSES,
      page,
      limit: PAGE_SIZE,
      sort: [{ field: 'createdAt', direction: 'desc' }],
    });
    found.push(...batch.results.filter((c) => inPeriod(c.createdAt, period)));
    const oldest = batch.results[batch.results.length - 1];
    if (oldest === undefined || page >= batch.totalPages || oldest.createdAt.getTime() < period.start.getTime()) {
      return found;
    }
  }
};

/**
 * The non-deleted alerts about the patient raised in the period. The alert repository offers an organisation's
 * alerts (`candidatesFor`); the patient and the period are applied here. The empty author id adds no other
 * organisation's alerts.
 */
export const alertsInPeriod = async (
  alerts: AlertRepository,
  orgId: string,
  patientId: string,
  period: ReportPeriod,
): Promise<Alert[]> =>
  (await alerts.candidatesFor(orgId, '')).filter(
    (alert) => alert.orgId === orgId && patientOfAlert(alert) === patientId && inPeriod(alert.createdAt, period),
  );
