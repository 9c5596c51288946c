import type { Alert } from '../../domain/alerts/alert';
import type { Category, Severity } from '../../domain/emergencies/emergency-phrase';
import type { EmergencyDedupSettings } from './emergency-watch-ports';

const HOUR_MS = 3_600_000;

export type DedupDecision =
  | { readonly decision: 'alerted' }
  | { readonly decision: 'merged'; readonly into: Alert }
  | { readonly decision: 'suppressed_debounce' | 'suppressed_cap' };

/**
 * DOMAIN.md §7.3.7 over the patient's emergency alerts (pure): a CRITICAL detection always gets through, merged
 * into an unacknowledged CRITICAL alert of its category younger than the merge window; HIGH and MEDIUM are held
 * back by a recent alert of their category, then by the hourly cap, which CRITICAL alerts count toward.
 */
export const decideDedup = (
  detection: { readonly severity: Severity; readonly category: Category },
  previous: readonly Alert[],
  now: Date,
  settings: EmergencyDedupSettings,
): DedupDecision => {
  const at = now.getTime();
  const age = (alert: Alert): number => at - alert.createdAt.getTime();
  const sameCategory = previous.filter((alert) => alert.payload['category'] === detection.category);
  if (detection.severity === 'CRITICAL') {
    const into = sameCategory
      .filter((a) => a.payload['severity'] === 'CRITICAL' && a.acknowledgedAt === null)
      .filter((a) => age(a) < settings.criticalMergeMs)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    return into === undefined ? { decision: 'alerted' } : { decision: 'merged', into };
  }
  if (sameCategory.some((a) => age(a) < settings.debounceMs)) return { decision: 'suppressed_debounce' };
  if (previous.filter((a) => age(a) < HOUR_MS).length >= settings.capPerHour) return { decision: 'suppressed_cap' };
  return { decision: 'alerted' };
};
