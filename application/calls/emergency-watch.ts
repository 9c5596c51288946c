import type { Alert } from '../../domain/alerts/alert';
import type { DetectionMatch } from '../../domain/emergencies/emergency-detector';
import type { CatalogDetection } from '../emergency-phrases/emergency-phrase-catalog';
import type { AuditEvent } from '../ports/audit-recorder';
import { isStaleVersion } from './call-errors';
import { emergencyAlertOf, mergedInto, type PatientTurn } from './emergency-watch-alert';
import { decideDedup, type DedupDecision } from './emergency-watch-dedup';
import { emergencyInstructionText } from './emergency-watch-instruction';
import type { EmergencyAgent, EmergencyWatchPorts } from './emergency-watch-ports';

export type { PatientTurn } from './emergency-watch-alert';

export type WatchDecision =
  'none' | 'duplicate' | 'suppressed_filter' | 'alerted' | 'merged' | 'suppressed_debounce' | 'suppressed_cap';

export interface WatchOutcome {
  readonly decision: WatchDecision;
  readonly detectionId: string | null;
  readonly alertId: string | null;
  /** Whether the live agent was told (its delivery may still have failed; that is logged). */
  readonly instructed: boolean;
}

const LETTER = /\p{L}/u;
const MAX_MERGE_ATTEMPTS = 3;
/** Message ids remembered for idempotency; far more than one process's concurrent calls produce in minutes. */
const SEEN_LIMIT = 10_000;

const nothing = (decision: WatchDecision, detectionId: string | null = null): WatchOutcome => ({
  decision,
  detectionId,
  alertId: null,
  instructed: false,
});

/**
 * `ProcessPatientUtterance` for a live call (DOMAIN.md §7.3, VOICE.md §4.13): runs the detector with the
 * patient's effective phrase set over one finalised turn and, on a match no context filter set aside and the
 * deduplication lets through, first tells the live agent (a CRITICAL one pre-empts the current response), then
 * raises or merges the `emergency` alert with its audit entries, then counts the phrase's use. The agent comes
 * first and every later step is caught on its own, so a failing store never keeps guidance from the patient.
 * Logs carry ids, severity and category, never the patient's words.
 */
export class EmergencyWatch {
  private readonly seen = new Set<string>();
  /** Check-and-record is serialised per patient (§7.3.7) so two turns cannot both pass the debounce. */
  private readonly perPatient = new Map<string, Promise<unknown>>();

  constructor(private readonly ports: EmergencyWatchPorts) {}

  async onPatientTurn(turn: PatientTurn, agent: EmergencyAgent | null): Promise<WatchOutcome> {
    if (!LETTER.test(turn.text)) return nothing('none');
    if (turn.messageId !== undefined) {
      if (this.seen.has(turn.messageId)) return nothing('duplicate');
      this.remember(turn.messageId);
    }
    const detection = await this.detect(turn);
    if (detection === null || detection.matches.length === 0) return nothing('none');
    const detectionId = this.ports.ids.next();
    const { decisive } = detection;
    if (decisive === null) {
      this.ports.logger.info(
        { callId: turn.callId, detectionId, filter: detection.suppressed?.filter ?? null },
        'emergency match set aside by a context filter',
      );
      await this.attempt(turn, 'audit detection', () =>
        this.ports.audit.record(this.detectionEntry(turn, detectionId, 'suppressed_filter', detection.suppressed)),
      );
      return nothing('suppressed_filter', detectionId);
    }
    const context = { fallbackLanguage: detection.fallbackLanguage, confidence: detection.confidence };
    return this.serialised(turn.patientId, () => this.decide(turn, agent, detectionId, decisive, context));
  }

  private async decide(
    turn: PatientTurn,
    agent: EmergencyAgent | null,
    detectionId: string,
    decisive: DetectionMatch,
    context: { fallbackLanguage: 'en' | null; confidence: number | null },
  ): Promise<WatchOutcome> {
    const { ports } = this;
    const now = ports.clock.now();
    const dedup = await this.dedup(turn, decisive, now);
    const log = { callId: turn.callId, detectionId, severity: decisive.severity, category: decisive.category };
    if (dedup.decision === 'suppressed_debounce' || dedup.decision === 'suppressed_cap') {
      ports.logger.info({ ...log, decision: dedup.decision }, 'emergency detection held back by deduplication');
      await this.attempt(turn, 'audit detection', () =>
        ports.audit.record(this.detectionEntry(turn, detectionId, dedup.decision, decisive)),
      );
      return nothing(dedup.decision, detectionId);
    }
    const instructed = this.instruct(turn, agent, decisive);
    ports.logger.warn({ ...log, decision: dedup.decision, instructed }, 'emergency detected');
    let alertId: string | null;
    if (dedup.decision === 'merged') {
      alertId = dedup.into.id;
      await this.attempt(turn, 'merge emergency alert', () => this.merge(turn, detectionId, decisive, dedup.into));
    } else {
      const alert = emergencyAlertOf({ id: ports.ids.next(), detectionId, turn, decisive, ...context, now });
      const raised = await this.attempt(turn, 'raise emergency alert', () =>
        this.raise(turn, detectionId, decisive, alert),
      );
      alertId = raised ? alert.id : null;
    }
    await this.attempt(turn, 'record phrase use', () => ports.phrases.recordUse(decisive.phraseId, now));
    return { decision: dedup.decision, detectionId, alertId, instructed };
  }

  private async detect(turn: PatientTurn): Promise<CatalogDetection | null> {
    try {
      return await this.ports.catalog.detect({ orgId: turn.orgId, language: turn.language, text: turn.text });
    } catch (error) {
      this.ports.logger.error({ callId: turn.callId, err: error }, 'emergency detection failed');
      return null;
    }
  }

  /** Fail-open (§7.3.7 #4): when the previous alerts cannot be read, the detection passes. */
  private async dedup(turn: PatientTurn, decisive: DetectionMatch, now: Date): Promise<DedupDecision> {
    try {
      const previous = (await this.ports.alerts.candidatesFor(turn.orgId, '')).filter(
        (a) => a.kind === 'emergency' && a.patientId === turn.patientId,
      );
      return decideDedup(decisive, previous, now, this.ports.dedup);
    } catch (error) {
      this.ports.logger.error({ callId: turn.callId, err: error }, 'emergency dedup unavailable; passing');
      return { decision: 'alerted' };
    }
  }

  /**
   * VOICE.md §4.13: a CRITICAL detection cancels what the agent is saying, then the instruction, then a response
   * so the guidance is heard now; HIGH and MEDIUM instructions wait for the agent's next reply. The "nobody
   * reached" variant: no notification has been accepted when the agent is told.
   */
  private instruct(turn: PatientTurn, agent: EmergencyAgent | null, decisive: DetectionMatch): boolean {
    if (agent === null) return false;
    const critical = decisive.severity === 'CRITICAL';
    const text = emergencyInstructionText({
      language: turn.language,
      severity: decisive.severity,
      category: decisive.category,
      caregiversReached: false,
    });
    try {
      if (critical) agent.preempt();
      agent.deliverInstruction({ kind: 'emergency', text });
      if (critical) agent.requestResponse('emergency');
      return true;
    } catch (error) {
      this.ports.logger.error({ callId: turn.callId, err: error }, 'emergency instruction could not be delivered');
      return false;
    }
  }

  private async raise(turn: PatientTurn, detectionId: string, decisive: DetectionMatch, alert: Alert): Promise<void> {
    const { ports } = this;
    await ports.uow.run(async () => {
      await ports.alerts.insert(alert);
      await ports.audit.record(this.detectionEntry(turn, detectionId, 'alerted', decisive, alert.id));
      await ports.audit.record(
        this.entry(turn, 'CREATE', 'alert', alert.id, {
          kind: alert.kind,
          importance: alert.importance,
          visibility: alert.visibility,
        }),
      );
    });
  }

  /** Compare-and-set on the alert's version, reloaded on a concurrent change. */
  private async merge(turn: PatientTurn, detectionId: string, decisive: DetectionMatch, into: Alert): Promise<void> {
    const { ports } = this;
    let current = into;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await ports.uow.run(async () => {
          const saved = await ports.alerts.update(mergedInto(current, ports.clock.now()));
          await ports.audit.record(this.detectionEntry(turn, detectionId, 'merged', decisive, saved.id));
          await ports.audit.record(
            this.entry(turn, 'UPDATE', 'alert', saved.id, { occurrences: saved.payload['occurrences'] ?? null }),
          );
        });
        return;
      } catch (error) {
        if (!isStaleVersion(error) || attempt >= MAX_MERGE_ATTEMPTS) throw error;
        const fresh = (await ports.alerts.candidatesFor(turn.orgId, '')).find((a) => a.id === into.id);
        if (fresh === undefined) throw error;
        current = fresh;
      }
    }
  }

  private detectionEntry(
    turn: PatientTurn,
    detectionId: string,
    decision: WatchDecision,
    match: DetectionMatch | null,
    alertId: string | null = null,
  ): AuditEvent {
    return this.entry(turn, 'CREATE', 'emergencyDetection', detectionId, {
      decision,
      severity: match?.severity ?? null,
      category: match?.category ?? null,
      phraseId: match?.phraseId ?? null,
      filter: match?.filter ?? null,
      callId: turn.callId,
      alertId,
    });
  }

  private entry(
    turn: PatientTurn,
    action: 'CREATE' | 'UPDATE',
    resourceType: 'emergencyDetection' | 'alert',
    resourceId: string,
    details: AuditEvent['details'],
  ): AuditEvent {
    return {
      action,
      outcome: 'success',
      actorKind: 'system',
      actorId: null,
      orgId: turn.orgId,
      resourceType,
      resourceId,
      patientIds: [turn.patientId],
      requestId: null,
      ip: null,
      at: this.ports.clock.now(),
      details: { phiAccessed: true, ...details },
    };
  }

  /** Runs one after-effect; a failure is logged (ids only) and reported as false. */
  private async attempt(turn: PatientTurn, what: string, work: () => Promise<unknown>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (error) {
      this.ports.logger.error({ callId: turn.callId, err: error }, `${what} failed`);
      return false;
    }
  }

  private serialised<T>(patientId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.perPatient.get(patientId) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.perPatient.set(patientId, tail);
    void tail.then(() => {
      if (this.perPatient.get(patientId) === tail) this.perPatient.delete(patientId);
    });
    return result;
  }

  private remember(messageId: string): void {
    if (this.seen.size >= SEEN_LIMIT) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    this.seen.add(messageId);
  }
}
