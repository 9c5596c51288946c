import { EmergencyPhraseCatalog } from '../../../application/emergency-phrases/emergency-phrase-catalog';
import { EmergencyWatch, type PatientTurn } from '../../../application/calls/emergency-watch';
import { emergencyAlertOf } from '../../../application/calls/emergency-watch-alert';
import {
  DEFAULT_EMERGENCY_DEDUP,
  type EmergencyAgent,
  type EmergencyWatchPorts,
} from '../../../application/calls/emergency-watch-ports';
import type { AuditEvent } from '../../../application/ports/audit-recorder';
import type { Logger } from '../../../application/ports/logger';
import type { ResponseKind, RuntimeInstruction } from '../../../application/ports/voice-agent';
import { seededPhrase, seedPhrasesFor } from '../../../domain/emergencies/seed-phrases';
import type { Alert } from '../../../domain/alerts/alert';
import { InMemoryAlertRepository } from '../../../adapters/persistence/memory/in-memory-alert-repository';
import { InMemoryEmergencyPhraseRepository } from '../../../adapters/persistence/memory/in-memory-emergency-phrase-repository';
import { InMemoryUnitOfWork } from '../../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../../adapters/persistence/memory/memory-database';
import { TestClock } from '../../support/test-clock';

/** The live-call emergency watch (DOMAIN.md §7.3, §7.3.7-§7.3.8; VOICE.md §4.13) over in-memory ports. */
const ORG = 'a'.repeat(24);
const PATIENT = 'b'.repeat(24);

type AgentCall =
  | { readonly op: 'preempt' }
  | { readonly op: 'instruction'; readonly instruction: RuntimeInstruction }
  | { readonly op: 'response'; readonly kind: ResponseKind };

class RecordingAgent implements EmergencyAgent {
  readonly calls: AgentCall[] = [];
  preempt(): void {
    this.calls.push({ op: 'preempt' });
  }
  deliverInstruction(instruction: RuntimeInstruction): void {
    this.calls.push({ op: 'instruction', instruction });
  }
  requestResponse(kind: ResponseKind): void {
    this.calls.push({ op: 'response', kind });
  }
}

class RecordingLogger implements Logger {
  readonly lines: { level: string; fields: Readonly<Record<string, unknown>>; message: string }[] = [];
  debug = (fields: Record<string, unknown>, message: string) => this.lines.push({ level: 'debug', fields, message });
  info = (fields: Record<string, unknown>, message: string) => this.lines.push({ level: 'info', fields, message });
  warn = (fields: Record<string, unknown>, message: string) => this.lines.push({ level: 'warn', fields, message });
  error = (fields: Record<string, unknown>, message: string) => this.lines.push({ level: 'error', fields, message });
  child = (): Logger => this;
}

/** Alerts whose inserts can be made to fail. */
class FlakyAlerts extends InMemoryAlertRepository {
  failInserts = false;
  failReads = false;
  override candidatesFor(orgId: string, authorCaregiverId: string): Promise<readonly Alert[]> {
    return this.failReads ? Promise.reject(new Error('store down')) : super.candidatesFor(orgId, authorCaregiverId);
  }
  override insert(alert: Alert): Promise<void> {
    return this.failInserts ? Promise.reject(new Error('store down')) : super.insert(alert);
  }
}

interface World {
  readonly watch: EmergencyWatch;
  readonly clock: TestClock;
  readonly alerts: FlakyAlerts;
  readonly phrases: InMemoryEmergencyPhraseRepository;
  readonly audit: AuditEvent[];
  readonly logger: RecordingLogger;
}

const makeWorld = async (): Promise<World> => {
  const db = new MemoryDatabase();
  const clock = new TestClock();
  const phrases = new InMemoryEmergencyPhraseRepository(db);
  let id = 0;
  const ids = { next: () => (id += 1).toString(16).padStart(24, '0') };
  for (const language of ['en', 'es'] as const) {
    for (const seed of seedPhrasesFor(language))
      await phrases.insert(seededPhrase(seed, language, ids.next(), clock.now()));
  }
  const alerts = new FlakyAlerts(db);
  const audit: AuditEvent[] = [];
  const logger = new RecordingLogger();
  const ports: EmergencyWatchPorts = {
    catalog: new EmergencyPhraseCatalog(phrases, clock),
    phrases,
    alerts,
    uow: new InMemoryUnitOfWork(db),
    clock,
    ids,
    audit: { record: (event) => Promise.resolve(void audit.push(event)) },
    logger,
    dedup: DEFAULT_EMERGENCY_DEDUP,
  };
  return { watch: new EmergencyWatch(ports), clock, alerts, phrases, audit, logger };
};

let seq = 0;
const turn = (text: string, language = 'en', extra: Partial<PatientTurn> = {}): PatientTurn => {
  seq += 1;
  return {
    callId: 'c'.repeat(24),
    conversationId: 'd'.repeat(24),
    patientId: PATIENT,
    orgId: ORG,
    language,
    text,
    at: new Date('2026-06-01T12:00:00.000Z'),
    messageId: `m${seq}`,
    ...extra,
  };
};

const emergencyAlerts = async (world: World) =>
  (await world.alerts.candidatesFor(ORG, '')).filter((a) => a.kind === 'emergency');

describe('EmergencyWatch', () => {
  let world: World;
  let agent: RecordingAgent;

  beforeEach(async () => {
    world = await makeWorld();
    agent = new RecordingAgent();
  });

  it('raises an urgent alert for an English CRITICAL turn and pre-empts the agent in order', async () => {
    const outcome = await world.watch.onPatientTurn(turn("I think I'm having a heart attack"), agent);

    expect(outcome).toMatchObject({ decision: 'alerted', instructed: true });
    const [alert, ...others] = await emergencyAlerts(world);
    expect(others).toHaveLength(0);
    expect(alert).toMatchObject({
      id: outcome.alertId,
      orgId: ORG,
      patientId: PATIENT,
      alertType: 'patient',
      importance: 'urgent',
      visibility: 'assignedCaregivers',
      requiresAck: true,
      createdModel: 'Patient',
      createdBy: PATIENT,
      callId: 'c'.repeat(24),
      conversationId: 'd'.repeat(24),
    });
    expect(alert?.payload).toMatchObject({
      severity: 'CRITICAL',
      category: 'Medical',
      phrase: 'Heart attack',
      respondWithinSeconds: 60,
      occurrences: 1,
    });
    expect(JSON.stringify(alert?.payload)).not.toContain('I think');
    expect(agent.calls.map((c) => c.op)).toEqual(['preempt', 'instruction', 'response']);
    expect(agent.calls[1]).toMatchObject({ op: 'instruction', instruction: { kind: 'emergency' } });
    expect(agent.calls[2]).toEqual({ op: 'response', kind: 'emergency' });
  });

  it('audits the detection and the alert as system CREATEs naming the patient', async () => {
    const outcome = await world.watch.onPatientTurn(turn("I'm having a heart attack"), agent);

    const created = world.audit.map((e) => [e.action, e.resourceType, e.resourceId, e.actorKind]);
    expect(created).toEqual([
      ['CREATE', 'emergencyDetection', outcome.detectionId, 'system'],
      ['CREATE', 'alert', outcome.alertId, 'system'],
    ]);
    expect(world.audit.every((e) => e.patientIds?.includes(PATIENT))).toBe(true);
    expect(world.audit[0]?.details).toMatchObject({
      decision: 'alerted',
      severity: 'CRITICAL',
      alertId: outcome.alertId,
    });
  });

  it('raises a high alert for a Spanish fall and instructs the agent in Spanish without pre-empting', async () => {
    const outcome = await world.watch.onPatientTurn(turn('Ay, me caí en el baño', 'es'), agent);

    expect(outcome.decision).toBe('alerted');
    const [alert] = await emergencyAlerts(world);
    expect(alert).toMatchObject({ importance: 'high' });
    expect(alert?.payload).toMatchObject({ severity: 'HIGH', category: 'Physical', language: 'es' });
    // VOICE.md §4.13: HIGH and MEDIUM instructions wait for the agent's next reply.
    expect(agent.calls.map((c) => c.op)).toEqual(['instruction']);
    const text = agent.calls[0]?.op === 'instruction' ? agent.calls[0].instruction.text : '';
    expect(text).toContain('Spanish');
    expect(text).toContain('servicios de emergencia');
    expect(text).toContain('emergency services');
    expect(text).toContain('Do not claim that anyone has been alerted');
  });

  it('counts the deciding phrase’s use', async () => {
    const outcome = await world.watch.onPatientTurn(turn('I fell down in the kitchen'), agent);

    const phraseId = (await emergencyAlerts(world))[0]?.payload['phraseId'];
    expect(outcome.decision).toBe('alerted');
    const phrase = await world.phrases.findById(String(phraseId));
    expect(phrase).toMatchObject({ usageCount: 1, lastUsedAt: world.clock.now() });
  });

  it('raises nothing and leaves the agent alone for a denied symptom', async () => {
    const outcome = await world.watch.onPatientTurn(turn("I don't have chest pain"), agent);

    expect(outcome).toMatchObject({ decision: 'suppressed_filter', alertId: null, instructed: false });
    expect(await emergencyAlerts(world)).toHaveLength(0);
    expect(agent.calls).toEqual([]);
    expect(world.audit.map((e) => e.details['filter'])).toEqual(['negation']);
  });

  it('does nothing for an ordinary turn', async () => {
    const outcome = await world.watch.onPatientTurn(turn('I had a lovely walk in the park today'), agent);

    expect(outcome.decision).toBe('none');
    expect(agent.calls).toEqual([]);
    expect(world.audit).toEqual([]);
  });

  it('processes one message once', async () => {
    const once = turn("I'm having a heart attack");
    await world.watch.onPatientTurn(once, agent);
    const again = await world.watch.onPatientTurn(once, agent);

    expect(again.decision).toBe('duplicate');
    expect(await emergencyAlerts(world)).toHaveLength(1);
    expect(agent.calls.filter((c) => c.op === 'instruction')).toHaveLength(1);
  });

  it('debounces a repeated HIGH detection of the same category within 5 minutes, then alerts again', async () => {
    await world.watch.onPatientTurn(turn('I fell'), agent);
    world.clock.advanceMinutes(2);
    const held = await world.watch.onPatientTurn(turn('I have fallen and it hurts'), agent);
    world.clock.advanceMinutes(4);
    const later = await world.watch.onPatientTurn(turn('I fell again'), agent);

    expect(held).toMatchObject({ decision: 'suppressed_debounce', alertId: null, instructed: false });
    expect(later.decision).toBe('alerted');
    expect(await emergencyAlerts(world)).toHaveLength(2);
  });

  it('merges a repeated CRITICAL detection into the open alert and still instructs the agent', async () => {
    const first = await world.watch.onPatientTurn(turn("I'm having a heart attack"), agent);
    world.clock.advance(20_000);
    const second = await world.watch.onPatientTurn(turn('heart attack, heart attack'), agent);

    expect(second).toMatchObject({ decision: 'merged', alertId: first.alertId, instructed: true });
    const alerts = await emergencyAlerts(world);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.payload).toMatchObject({ occurrences: 2, lastDetectedAt: world.clock.now().toISOString() });
    expect(agent.calls.filter((c) => c.op === 'preempt')).toHaveLength(2);
  });

  it('serialises concurrent turns of one patient so only one HIGH alert is raised', async () => {
    const outcomes = await Promise.all([
      world.watch.onPatientTurn(turn('I fell'), agent),
      world.watch.onPatientTurn(turn('I have fallen'), agent),
    ]);

    expect(outcomes.map((o) => o.decision).sort()).toEqual(['alerted', 'suppressed_debounce']);
    expect(await emergencyAlerts(world)).toHaveLength(1);
  });

  it('still instructs the agent when the alert cannot be stored, and logs without the patient’s words', async () => {
    world.alerts.failInserts = true;
    const outcome = await world.watch.onPatientTurn(turn("I'm having a heart attack"), agent);

    expect(outcome).toMatchObject({ decision: 'alerted', alertId: null, instructed: true });
    expect(agent.calls.map((c) => c.op)).toEqual(['preempt', 'instruction', 'response']);
    expect(world.logger.lines.some((l) => l.level === 'error' && l.message === 'raise emergency alert failed')).toBe(
      true,
    );
    expect(JSON.stringify(world.logger.lines.map((l) => l.fields))).not.toContain('heart attack');
  });

  it('raises the alert without a live agent', async () => {
    const outcome = await world.watch.onPatientTurn(turn("I can't breathe"), null);

    expect(outcome).toMatchObject({ decision: 'alerted', instructed: false });
    expect(await emergencyAlerts(world)).toHaveLength(1);
  });
  it('holds HIGH detections back after 10 emergency alerts in the hour, but never a CRITICAL one', async () => {
    const earlier = new Date(world.clock.now().getTime() - 10 * 60_000);
    for (let i = 0; i < 10; i += 1) {
      await world.alerts.insert(
        emergencyAlertOf({
          id: `f${i}`.padStart(24, '0'),
          detectionId: `e${i}`.padStart(24, '0'),
          turn: turn('x'),
          decisive: {
            phraseId: 'p',
            label: 'Intruder',
            severity: 'HIGH',
            category: 'Safety',
            start: 0,
            end: 1,
            matchedText: 'x',
            filter: null,
          },
          confidence: 0.8,
          fallbackLanguage: null,
          now: earlier,
        }),
      );
    }

    const high = await world.watch.onPatientTurn(turn('I fell'), agent);
    const critical = await world.watch.onPatientTurn(turn("I can't breathe"), agent);

    expect(high.decision).toBe('suppressed_cap');
    expect(critical.decision).toBe('alerted');
  });

  it('lets a detection through when previous alerts cannot be read (fail-open)', async () => {
    world.alerts.failReads = true;
    const outcome = await world.watch.onPatientTurn(turn('I fell'), agent);

    expect(outcome.decision).toBe('alerted');
    world.alerts.failReads = false;
    expect(await emergencyAlerts(world)).toHaveLength(1);
  });
});
