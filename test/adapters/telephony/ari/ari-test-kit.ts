import type { TelephonyEvent } from '../../../../application/ports/telephony';
import { AriTelephony } from '../../../../adapters/telephony/ari/ari-telephony';
import type { AriTelephonyOptions } from '../../../../adapters/telephony/ari/ari-options';
import type { AriTimers } from '../../../../adapters/telephony/ari/ari-timers';
import type { AriConnect } from '../../../../adapters/telephony/ari/ari-library-guard';
import { FakeAriServer, type FakeAriOptions } from '../../../support/fakes/ari/fake-ari-server';
import { StubRtpMediaFactory } from './stub-rtp-media-factory';

/** `AriTimers` that knows how many of the adapter's timers are armed: the zero-leak assertion. */
export class CountingTimers implements AriTimers {
  active = 0;
  armed = 0;

  after(ms: number, callback: () => void): () => void {
    this.active += 1;
    this.armed += 1;
    let pending = true;
    const timer = setTimeout(() => {
      if (pending) this.active -= 1;
      pending = false;
      callback();
    }, ms);
    return () => {
      if (!pending) return;
      pending = false;
      this.active -= 1;
      clearTimeout(timer);
    };
  }
}

export interface AriKit {
  readonly fake: FakeAriServer;
  readonly telephony: AriTelephony;
  readonly media: StubRtpMediaFactory;
  readonly timers: CountingTimers;
  readonly events: TelephonyEvent[];
  eventsFor(callId: string): TelephonyEvent[];
  typesFor(callId: string): string[];
  stop(): Promise<void>;
}

/** Test timings: short enough for fast tests, long enough for a loaded 2-core machine. */
export const fastOptions = (fake: FakeAriServer): AriTelephonyOptions => ({
  url: fake.url,
  username: fake.username,
  password: fake.password,
  app: 'bianca-test',
  dialTemplate: 'PJSIP/{e164}@carrier',
  callerId: '+15550000000',
  ringTimeoutS: 30,
  amd: false,
  requestTimeoutMs: 3000,
  connectTimeoutMs: 3000,
  readyWaitMs: 3000,
  reconnectBaseMs: 50,
  reconnectMaxMs: 400,
  amdGuardMs: 1500,
  dialFinalGuardMs: 300,
  apologyGuardMs: 1000,
  sagaBaseDelayMs: 20,
  sagaMaxDelayMs: 200,
  sagaBudgetMs: 3000,
  closeBudgetMs: 1500,
  orphanMinAgeMs: 0,
});

export const startKit = async (
  overrides: Partial<AriTelephonyOptions> = {},
  fakeOptions: FakeAriOptions = {},
  connect?: AriConnect,
): Promise<AriKit> => {
  const fake = await FakeAriServer.start(fakeOptions);
  const media = new StubRtpMediaFactory();
  const timers = new CountingTimers();
  const telephony = new AriTelephony(
    { ...fastOptions(fake), ...overrides },
    { media, timers, ...(connect === undefined ? {} : { connect }) },
  );
  const events: TelephonyEvent[] = [];
  telephony.onEvent((event) => events.push(event));
  return {
    fake,
    telephony,
    media,
    timers,
    events,
    eventsFor: (callId) => events.filter((e) => e.callId === callId),
    typesFor: (callId) => events.filter((e) => e.callId === callId).map((e) => e.type),
    stop: async () => {
      await telephony.close();
      await media.close();
      await fake.stop();
    },
  };
};

export const startReadyKit = async (
  overrides: Partial<AriTelephonyOptions> = {},
  fakeOptions: FakeAriOptions = {},
): Promise<AriKit> => {
  const kit = await startKit(overrides, fakeOptions);
  kit.telephony.start();
  if (!(await kit.telephony.supervisor.whenReady(5000))) throw new Error('ARI did not become ready');
  return kit;
};

/** Polls `condition` until it holds (or fails the test with `what`). */
export const waitFor = async (what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

export const pstnOf = (callId: string): string => `bianca-${callId}-pstn`;
export const mediaOf = (callId: string): string => `bianca-${callId}-media`;
export const bridgeOf = (callId: string): string => `bianca-${callId}-br`;
