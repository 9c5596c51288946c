import type { Logger } from '../../../../application/ports/logger';
import type { AgentEvent, AgentSession, AgentSessionConfig } from '../../../../application/ports/voice-agent';
import { syntheticVoice } from '../../../../adapters/audio/synthetic-voice';
import { MuLaw } from '../../../../adapters/audio/mu-law';
import { OpenAiRealtimeAgent } from '../../../../adapters/voice/openai-realtime/openai-realtime-agent';
import {
  DEFAULT_REALTIME_OPTIONS,
  type RealtimeAgentOptions,
} from '../../../../adapters/voice/openai-realtime/realtime-options';
import { FakeRealtimeServer } from '../../../support/fakes/openai-realtime/fake-realtime-server';
import type { FakeRealtimeOptions } from '../../../support/fakes/openai-realtime/fake-realtime-scenario';
import { RecordingMediaStream } from './recording-media-stream';

export const silentLogger = (): Logger => {
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    child: () => logger,
  };
  return logger;
};

export const CALL_CONFIG: AgentSessionConfig = {
  callId: 'call-1',
  conversationId: 'conv-1',
  language: 'en',
  instructions: 'You are Bianca, a warm companion calling Margaret for her daily check-in.',
  patientName: 'Maggie',
};

export const systemClock = { now: () => new Date() };

/** The adapter's options against `fake`, with short VAD silence and budgets so tests stay quick. */
export const optionsFor = (
  fake: FakeRealtimeServer,
  overrides: Partial<RealtimeAgentOptions> = {},
): RealtimeAgentOptions => ({
  ...DEFAULT_REALTIME_OPTIONS,
  apiKey: fake.apiKey,
  url: fake.url,
  ca: fake.ca,
  vad: { threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 300 },
  ...overrides,
});

/** Speech-like audio (no pauses, -18 dBFS) as whole frames. */
export const speech = (durationMs: number, seed = 7): Uint8Array => syntheticVoice({ durationMs, seed, pauses: false });
export const silence = (durationMs: number): Uint8Array => MuLaw.silence(durationMs * 8);

export interface Harness {
  readonly fake: FakeRealtimeServer;
  readonly agent: OpenAiRealtimeAgent;
  readonly media: RecordingMediaStream;
  readonly events: AgentEvent[];
  session: AgentSession | null;
  open(config?: AgentSessionConfig): Promise<AgentSession>;
  waitForEvent<T extends AgentEvent['type']>(
    type: T,
    count?: number,
    timeoutMs?: number,
  ): Promise<Extract<AgentEvent, { type: T }>>;
  eventsOf<T extends AgentEvent['type']>(type: T): Array<Extract<AgentEvent, { type: T }>>;
  close(): Promise<void>;
}

/** A started fake, an agent pointed at it, and a media double; `close()` releases all and checks for leaks. */
export const startHarness = async (
  fakeOptions: FakeRealtimeOptions = {},
  agentOverrides: Partial<RealtimeAgentOptions> = {},
  frameIntervalMs = 5,
): Promise<Harness> => {
  const fake = await new FakeRealtimeServer(fakeOptions).start();
  const agent = new OpenAiRealtimeAgent(optionsFor(fake, agentOverrides), systemClock, silentLogger());
  const media = new RecordingMediaStream({ frameIntervalMs });
  const events: AgentEvent[] = [];
  const eventsOf = <T extends AgentEvent['type']>(type: T) =>
    events.filter((event): event is Extract<AgentEvent, { type: T }> => event.type === type);
  const harness: Harness = {
    fake,
    agent,
    media,
    events,
    session: null,
    async open(config = CALL_CONFIG) {
      const session = await agent.open(config);
      session.onEvent((event) => events.push(event));
      harness.session = session;
      return session;
    },
    eventsOf,
    async waitForEvent(type, count = 1, timeoutMs = 8000) {
      await fake.waitFor(() => eventsOf(type).length >= count, timeoutMs, `${count} × ${type}`);
      return eventsOf(type)[count - 1];
    },
    async close() {
      harness.session?.close();
      media.close();
      await fake.waitFor(() => fake.openSessions() === 0, 2000, 'sessions closed');
      await fake.stop();
    },
  };
  return harness;
};
