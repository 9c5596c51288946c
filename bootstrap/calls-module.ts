import { ALERT_TOKENS } from '../application/alerts/alert-tokens';
import type { AlertRepository } from '../application/alerts/alert-repository';
import { ConsentGate } from '../application/calls/consent-gate';
import { EmergencyWatch } from '../application/calls/emergency-watch';
import { DEFAULT_EMERGENCY_DEDUP } from '../application/calls/emergency-watch-ports';
import type { EmergencyPhraseCatalog } from '../application/emergency-phrases/emergency-phrase-catalog';
import { EMERGENCY_PHRASE_TOKENS } from '../application/emergency-phrases/emergency-phrase-tokens';
import type { EmergencyPhraseRepository } from '../application/ports/emergency-phrase-repository';
import type { AuditRecorder } from '../application/ports/audit-recorder';
import type { IdGenerator } from '../application/ports/id-generator';
import type { UnitOfWork } from '../application/ports/unit-of-work';
import type { ConsentService } from '../application/privacy/consent-service';
import { PRIVACY_TOKENS } from '../application/privacy/privacy-tokens';
import type Router from '@koa/router';
import type { Container } from 'inversify';
import type { CallPorts } from '../application/calls/call-ports';
import { DEFAULT_CALL_SETTINGS, type CallSettings } from '../application/calls/call-settings';
import { CALL_TOKENS } from '../application/calls/call-tokens';
import { createCallUseCases, type CallUseCases } from '../application/calls/call-use-cases';
import { FinishCallConversation } from '../application/calls/finish-call-conversation';
import { ANALYSIS_TOKENS } from '../application/analysis/analysis-tokens';
import type { AnalysisUseCases } from '../application/analysis/analysis-use-cases';
import type { EventHandler } from '../application/ports/event-handler';
import type { HealthProbe } from '../application/ports/health-probe';
import type { Logger } from '../application/ports/logger';
import { CONVERSATION_TOKENS } from '../application/conversations/conversation-tokens';
import { PATIENT_TOKENS } from '../application/patients/patient-tokens';
import type { CallTimers } from '../application/ports/call-timers';
import type { Clock } from '../application/ports/clock';
import type { JobScheduler } from '../application/ports/job-scheduler';
import type { TelephonyPort } from '../application/ports/telephony';
import { TOKENS } from '../application/ports/tokens';
import { SCHEDULE_CALL_JOB } from '../application/schedules/schedule-jobs';
import { SCHEDULE_TOKENS } from '../application/schedules/schedule-tokens';
import type { DrainState } from '../application/shared/drain-state';
import { callRoutes, type RequireAuthFactory } from '../adapters/http/routes/call-routes';
import { InMemoryCallRepository } from '../adapters/persistence/memory/in-memory-call-repository';
import { InMemoryLineItemRepository } from '../adapters/persistence/memory/in-memory-line-item-repository';
import type { MemoryDatabase } from '../adapters/persistence/memory/memory-database';
import type { MongoDatabase } from '../adapters/persistence/mongo/mongo-connection';
import { MongoCallRepository } from '../adapters/persistence/mongo/mongo-call-repository';
import { MongoLineItemRepository } from '../adapters/persistence/mongo/mongo-line-item-repository';
import {
  DEFAULT_SIMULATED_LINE,
  SimulatedPhoneLine,
  type SimulatedLineOptions,
} from '../adapters/telephony/simulated/simulated-phone-line';
import { SimulationCaptions } from '../adapters/telephony/simulated/simulation-captions';
import { SystemCallTimers } from '../adapters/telephony/simulated/system-call-timers';
import {
  DEFAULT_SCRIPTED_AGENT,
  ScriptedVoiceAgent,
  type ScriptedAgentOptions,
} from '../adapters/voice/scripted/scripted-voice-agent';
import type { AppConfig } from './config';
import { AsteriskStack, openAiRealtimeAgent, type VoiceAdapterOverrides } from './voice-adapters';
import { INFRA } from './infra-tokens';

/** What tests (and, later, configuration) may change about the calls context. */
export interface CallsModuleOptions {
  readonly settings?: Partial<CallSettings>;
  /** Virtual timers in tests; real `setTimeout` timers otherwise. */
  readonly timers?: CallTimers;
  readonly line?: Partial<SimulatedLineOptions>;
  readonly agent?: Partial<ScriptedAgentOptions>;
  /** Seams of the real adapters (the fake Realtime server's CA, compressed ARI guards); tests only. */
  readonly voice?: VoiceAdapterOverrides;
}

/** Bootstrap-only token: the simulated line's caption channel, shared with the scripted agent. */
export const CALLS_INFRA = {
  Captions: Symbol.for('calls.SimulationCaptions'),
  /** The ARI telephony with its RTP plane, bound only when `VOICE_TELEPHONY=asterisk`. */
  Asterisk: Symbol.for('calls.AsteriskStack'),
} as const;

/**
 * The calls context on the embedded profile: memory repositories, the simulated phone line and the scripted
 * stand-in agent (VOICE.md §5), both on one timers port and one caption channel; the use-cases, the telephony
 * subscription, the post-call handler, and the Schedules context's `schedule:<id>` job handler. The real adapters
 * (ARI with RTP, OpenAI Realtime) replace the simulated ones by configuration (`VOICE_TELEPHONY`, `VOICE_AGENT`).
 */
export const bindCalls = (c: Container, config: AppConfig, options: CallsModuleOptions = {}): void => {
  c.bind(CALL_TOKENS.Settings).toConstantValue({
    ...DEFAULT_CALL_SETTINGS,
    ...options.settings,
  } satisfies CallSettings);
  c.bind(CALL_TOKENS.CallTimers).toResolvedValue(
    (clock: Clock): CallTimers => options.timers ?? new SystemCallTimers(clock),
    [TOKENS.shared.Clock],
  );
  c.bind(CALL_TOKENS.CallRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryCallRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(CALL_TOKENS.LineItemRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryLineItemRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(CALLS_INFRA.Captions).toConstantValue(new SimulationCaptions());
  bindTelephony(c, config, options);
  bindVoiceAgent(c, config, options);
  bindPostCall(c);
  c.bind(CALL_TOKENS.EmergencyWatch).toResolvedValue(
    (...deps: unknown[]) => {
      const [catalog, phrases, alerts, uow, clock, ids, audit, logger] = deps as [
        EmergencyPhraseCatalog,
        EmergencyPhraseRepository,
        AlertRepository,
        UnitOfWork,
        Clock,
        IdGenerator,
        AuditRecorder,
        Logger,
      ];
      return new EmergencyWatch({
        catalog,
        phrases,
        alerts,
        uow,
        clock,
        ids,
        audit,
        logger: logger.child({ context: 'emergencies' }),
        dedup: DEFAULT_EMERGENCY_DEDUP,
      });
    },
    [
      EMERGENCY_PHRASE_TOKENS.Catalog,
      EMERGENCY_PHRASE_TOKENS.EmergencyPhraseRepository,
      ALERT_TOKENS.AlertRepository,
      TOKENS.shared.UnitOfWork,
      TOKENS.shared.Clock,
      TOKENS.shared.IdGenerator,
      TOKENS.shared.AuditRecorder,
      TOKENS.shared.Logger,
    ],
  );
  c.bind(CALL_TOKENS.ConsentGate).toResolvedValue(
    (consents: ConsentService, logger: Logger) => new ConsentGate(consents, logger.child({ context: 'calls' })),
    [PRIVACY_TOKENS.ConsentService, TOKENS.shared.Logger],
  );
  c.bind(CALL_TOKENS.Ports).toResolvedValue(portsFrom, PORT_TOKENS);
  c.bind(CALL_TOKENS.UseCases).toResolvedValue((ports: CallPorts) => createCallUseCases(ports), [CALL_TOKENS.Ports]);
  c.onActivation<JobScheduler>(TOKENS.shared.JobScheduler, (_context, jobs) => {
    // Resolved when the job runs, not now: the use-cases depend on the scheduler themselves.
    jobs.define(SCHEDULE_CALL_JOB, async (job) => {
      await c.get<CallUseCases>(CALL_TOKENS.UseCases).runScheduleOccurrence.handle(job);
    });
    return jobs;
  });
};

/** `VOICE_TELEPHONY`: the ARI adapter with its RTP plane (connecting at once, probed by /health), or the simulated line. */
const bindTelephony = (c: Container, config: AppConfig, options: CallsModuleOptions): void => {
  const asterisk = config.voice.asterisk;
  if (asterisk === undefined) {
    c.bind(CALL_TOKENS.Telephony).toResolvedValue(
      (timers: CallTimers, clock: Clock, captions: SimulationCaptions) =>
        new SimulatedPhoneLine(timers, clock, captions, { ...DEFAULT_SIMULATED_LINE, ...options.line }),
      [CALL_TOKENS.CallTimers, TOKENS.shared.Clock, CALLS_INFRA.Captions],
    );
    return;
  }
  c.bind(CALLS_INFRA.Asterisk).toResolvedValue(
    (clock: Clock, logger: Logger) => new AsteriskStack(asterisk, config.voice.rtp, clock, logger, options.voice),
    [TOKENS.shared.Clock, TOKENS.shared.Logger],
  );
  c.bind(CALL_TOKENS.Telephony).toResolvedValue((stack: AsteriskStack) => stack.telephony, [CALLS_INFRA.Asterisk]);
  c.onActivation<HealthProbe[]>(TOKENS.shared.HealthProbes, (_context, probes) => {
    const probe = c.get<AsteriskStack>(CALLS_INFRA.Asterisk).probe;
    return probes.map((p) => (p.component === 'telephony' ? probe : p));
  });
};

/** `VOICE_AGENT`: the OpenAI Realtime agent or the scripted stand-in (which shares the simulated line's captions). */
const bindVoiceAgent = (c: Container, config: AppConfig, options: CallsModuleOptions): void => {
  const openai = config.voice.openai;
  if (openai === undefined) {
    c.bind(CALL_TOKENS.VoiceAgent).toResolvedValue(
      (timers: CallTimers, clock: Clock, captions: SimulationCaptions) =>
        new ScriptedVoiceAgent(timers, clock, captions, { ...DEFAULT_SCRIPTED_AGENT, ...options.agent }),
      [CALL_TOKENS.CallTimers, TOKENS.shared.Clock, CALLS_INFRA.Captions],
    );
    return;
  }
  c.bind(CALL_TOKENS.VoiceAgent).toResolvedValue(
    (clock: Clock, logger: Logger) => openAiRealtimeAgent(openai, clock, logger, options.voice),
    [TOKENS.shared.Clock, TOKENS.shared.Logger],
  );
};

/**
 * After the call (VOICE.md §6.3): `CallEnded` from the outbox stores the conversation's offline summary (the next
 * briefing reads it) and runs the post-call analyses. The analysis use-cases are looked up when the event is handled.
 */
const bindPostCall = (c: Container): void => {
  c.onActivation<EventHandler[]>(TOKENS.shared.EventHandlers, (_context, handlers) => {
    const finish = new FinishCallConversation(
      {
        // Looked up per use, like the analyses: a profile may rebind the repository after this activation.
        get conversations() {
          return c.get<CallPorts['conversations']>(CONVERSATION_TOKENS.ConversationRepository);
        },
        clock: c.get(TOKENS.shared.Clock),
        logger: c.get<Logger>(TOKENS.shared.Logger).child({ context: 'calls' }),
      },
      (conversationId) =>
        c
          .get<AnalysisUseCases>(ANALYSIS_TOKENS.UseCases)
          .afterCall.execute(conversationId)
          .then(() => undefined),
    );
    return [...handlers, finish.handler()];
  });
};

const PORT_TOKENS = [
  CALL_TOKENS.CallRepository,
  CALL_TOKENS.LineItemRepository,
  CONVERSATION_TOKENS.ConversationRepository,
  PATIENT_TOKENS.PatientRepository,
  PATIENT_TOKENS.CareTeamRepository,
  TOKENS.identity.CaregiverRepository,
  TOKENS.identity.OrgRepository,
  SCHEDULE_TOKENS.ScheduleRepository,
  TOKENS.shared.JobScheduler,
  TOKENS.identity.SessionStore,
  TOKENS.shared.UnitOfWork,
  TOKENS.shared.EventOutbox,
  TOKENS.shared.Clock,
  TOKENS.shared.IdGenerator,
  TOKENS.shared.AuditRecorder,
  TOKENS.shared.Logger,
  CALL_TOKENS.Telephony,
  CALL_TOKENS.VoiceAgent,
  CALL_TOKENS.CallTimers,
  TOKENS.shared.DrainState,
  CALL_TOKENS.Settings,
  CALL_TOKENS.EmergencyWatch,
  CALL_TOKENS.ConsentGate,
];

const portsFrom = (...deps: unknown[]): CallPorts => {
  const [
    calls,
    lineItems,
    conversations,
    patients,
    careTeam,
    caregivers,
    orgs,
    schedules,
    jobs,
    sessions,
    uow,
    outbox,
    clock,
    ids,
    audit,
    logger,
    telephony,
    agent,
    timers,
    drain,
    settings,
    emergencyWatch,
    consentGate,
  ] = deps as [
    CallPorts['calls'],
    CallPorts['lineItems'],
    CallPorts['conversations'],
    CallPorts['patients'],
    CallPorts['careTeam'],
    CallPorts['caregivers'],
    CallPorts['orgs'],
    CallPorts['schedules'],
    CallPorts['jobs'],
    CallPorts['sessions'],
    CallPorts['uow'],
    CallPorts['outbox'],
    CallPorts['clock'],
    CallPorts['ids'],
    CallPorts['audit'],
    CallPorts['logger'],
    CallPorts['telephony'],
    CallPorts['agent'],
    CallPorts['timers'],
    DrainState,
    CallPorts['settings'],
    EmergencyWatch,
    ConsentGate,
  ];
  return {
    calls,
    lineItems,
    conversations,
    patients,
    careTeam,
    caregivers,
    orgs,
    schedules,
    jobs,
    sessions,
    uow,
    outbox,
    clock,
    ids,
    audit,
    logger: logger.child({ context: 'calls' }),
    telephony,
    agent,
    timers,
    intake: { isDraining: () => drain.isDraining() },
    settings,
    emergencyWatch,
    consentGate,
  };
};

/** The Mongo profile's call and line-item repositories (after `bindCalls`, like `bindMongoPersistence`). */
export const bindMongoCalls = (c: Container, database: MongoDatabase): void => {
  c.rebind(CALL_TOKENS.CallRepository).toConstantValue(new MongoCallRepository(database));
  c.rebind(CALL_TOKENS.LineItemRepository).toConstantValue(new MongoLineItemRepository(database));
};

/** Hangs up every simulated or real leg and stops their timers (the shutdown's close-adapters phase). */
export const closeCalls = async (c: Container): Promise<void> => {
  if (c.isBound(CALLS_INFRA.Asterisk)) await c.get<AsteriskStack>(CALLS_INFRA.Asterisk).close();
  else if (c.isBound(CALL_TOKENS.Telephony)) await c.get<TelephonyPort>(CALL_TOKENS.Telephony).close();
};

/** The calls context's router: `/v1/calls/*`. */
export const callRouters = (calls: CallUseCases, requireAuth: RequireAuthFactory): Router[] => [
  callRoutes(calls, requireAuth),
];
