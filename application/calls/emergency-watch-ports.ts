import type { AlertRepository } from '../alerts/alert-repository';
import type { EmergencyPhraseCatalog } from '../emergency-phrases/emergency-phrase-catalog';
import type { AuditRecorder } from '../ports/audit-recorder';
import type { Clock } from '../ports/clock';
import type { EmergencyPhraseRepository } from '../ports/emergency-phrase-repository';
import type { IdGenerator } from '../ports/id-generator';
import type { Logger } from '../ports/logger';
import type { UnitOfWork } from '../ports/unit-of-work';
import type { AgentSession } from '../ports/voice-agent';

/** The numbers of DOMAIN.md §7.3.7, all configurable there. */
export interface EmergencyDedupSettings {
  /** An unacknowledged CRITICAL alert of the same category younger than this absorbs a new CRITICAL detection. */
  readonly criticalMergeMs: number;
  /** HIGH/MEDIUM: no second alert of the same category within this window (0-60 min). */
  readonly debounceMs: number;
  /** HIGH/MEDIUM: no alert once the patient had this many emergency alerts in the last 60 minutes (1-100). */
  readonly capPerHour: number;
}

export const DEFAULT_EMERGENCY_DEDUP: EmergencyDedupSettings = {
  criticalMergeMs: 60_000,
  debounceMs: 5 * 60_000,
  capPerHour: 10,
};

/**
 * What the emergency watch needs, narrowed to the calls it makes: the shared detection cache, the phrase usage
 * counter, the alerts it raises or merges into, and the shared ports. Bound once in bootstrap.
 */
export interface EmergencyWatchPorts {
  readonly catalog: Pick<EmergencyPhraseCatalog, 'detect'>;
  readonly phrases: Pick<EmergencyPhraseRepository, 'recordUse'>;
  readonly alerts: Pick<AlertRepository, 'candidatesFor' | 'insert' | 'update'>;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditRecorder;
  readonly logger: Logger;
  readonly dedup: EmergencyDedupSettings;
}

/** The part of the live agent session an emergency speaks to (VOICE.md §4.13). */
export type EmergencyAgent = Pick<AgentSession, 'preempt' | 'deliverInstruction' | 'requestResponse'>;
