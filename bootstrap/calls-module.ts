import type Router from '@koa/router';
import type { Container } from 'inversify';
import type { CallPorts } from '../application/calls/call-ports';
import { DEFAULT_CALL_SETTINGS, type CallSettings } from '../application/calls/call-settings';
import { CALL_TOKENS } from '../application/calls/call-tokens';
import { createCallUseCases, type CallUseCases } from '../application/calls/call-use-cases';
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
import { INFRA } from './infra-tokens';

/** What tests (and, later, configuration) may change about the calls context. */
export interface CallsModuleOptions {
  readonly settings?: Partial<CallSettings>;
  /** Virtual timers in tests; real `setTimeout` timers otherwise. */
  readonly timers?: CallTimers;
  readonly line?: Partial<SimulatedLineOptions>;
  readonly agent?: Partial<ScriptedAgentOptions>;
}

/** Bootstrap-only token: the simulated line's caption channel, shared with the scripted agent. */
export const CALLS_INFRA = { Captions: Symbol.for('calls.SimulationCaptions') } as const;

/**
 * The calls context on the embedded profile: memory repositories, the simulated phone line and the scripted
 * stand-in agent (VOICE.md §5), both on one timers port and one caption channel; the use-cases, the telephony
 * subscription, and the Schedules context's `schedule:<id>` job handler. The real adapters (ARI, OpenAI
 * Realtime) are selected here once they exist (`VOICE_TELEPHONY`, `VOICE_AGENT`).
 */
export const bindCalls = (c: Container, _config: AppConfig, options: CallsModuleOptions = {}): void => {
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
  c.bind(CALL_TOKENS.Telephony).toResolvedValue(
    (timers: CallTimers, clock: Clock, captions: SimulationCaptions) =>
      new SimulatedPhoneLine(timers, clock, captions, { ...DEFAULT_SIMULATED_LINE, ...options.line }),
    [CALL_TOKENS.CallTimers, TOKENS.shared.Clock, CALLS_INFRA.Captions],
  );
  c.bind(CALL_TOKENS.VoiceAgent).toResolvedValue(
    (timers: CallTimers, clock: Clock, captions: SimulationCaptions) =>
      new ScriptedVoiceAgent(timers, clock, captions, { ...DEFAULT_SCRIPTED_AGENT, ...options.agent }),
    [CALL_TOKENS.CallTimers, TOKENS.shared.Clock, CALLS_INFRA.Captions],
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
  };
};

/** The Mongo profile's call and line-item repositories (after `bindCalls`, like `bindMongoPersistence`). */
export const bindMongoCalls = (c: Container, database: MongoDatabase): void => {
  c.rebind(CALL_TOKENS.CallRepository).toConstantValue(new MongoCallRepository(database));
  c.rebind(CALL_TOKENS.LineItemRepository).toConstantValue(new MongoLineItemRepository(database));
};

/** Hangs up every simulated or real leg and stops their timers (the shutdown's close-adapters phase). */
export const closeCalls = async (c: Container): Promise<void> => {
  if (c.isBound(CALL_TOKENS.Telephony)) await c.get<TelephonyPort>(CALL_TOKENS.Telephony).close();
};

/** The calls context's router: `/v1/calls/*`. */
export const callRouters = (calls: CallUseCases, requireAuth: RequireAuthFactory): Router[] => [
  callRoutes(calls, requireAuth),
];
