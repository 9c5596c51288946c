import type { FakeChannel } from './fake-ari-model';

/**
 * Scripts for what the callee does once a channel is originated (VOICE.md §8.1), with the Q.850 causes of §2.6.
 * Times are milliseconds from the originate; defaults keep tests fast.
 */
export interface AmdScript {
  /** `AMDSTATUS`: HUMAN, MACHINE, NOTSURE, HANGUP. */
  readonly status: string;
  /** `AMDCAUSE`, e.g. `HUMAN-500-500`, `LONGGREETING-2500-2500`, `INITIALSILENCE-3500-3500`. */
  readonly cause: string;
  readonly delayMs?: number;
  /** The callee hangs up while the analysis runs (the channel never comes back to Stasis). */
  readonly hangupDuring?: boolean;
}

export type DialScenario =
  | {
      readonly kind: 'answer';
      readonly ringMs?: number;
      readonly answerMs?: number;
      readonly amd?: AmdScript;
      /** The callee hangs up this long after answering. */
      readonly hangupAfterMs?: number;
      /** With `hangupAfterMs`: the callee starts talking this long before hanging up (a mid-utterance hang-up). */
      readonly talkBeforeHangupMs?: number;
    }
  | { readonly kind: 'busy'; readonly ringMs?: number; readonly afterMs?: number }
  /** Rings until the originate `timeout` (or `afterMs`), then NOANSWER / cause 19. */
  | { readonly kind: 'no-answer'; readonly ringMs?: number; readonly afterMs?: number }
  | { readonly kind: 'unavailable'; readonly afterMs?: number; readonly cause?: number }
  | { readonly kind: 'congestion'; readonly afterMs?: number }
  /** The carrier rejects the call: no final Dial status, only cause 21 on the hang-up events. */
  | { readonly kind: 'reject'; readonly ringMs?: number; readonly afterMs?: number }
  | { readonly kind: 'ring-forever'; readonly ringMs?: number };

export interface VoicemailScript {
  /** The machine's greeting plus our message; after it the dialplan hangs up. */
  readonly durationMs: number;
}

/** What a scenario may do to the fake's state; implemented by `FakeAsterisk`. */
export interface ScenarioHost {
  after(ms: number, action: () => void): void;
  isLive(channel: FakeChannel): boolean;
  setState(channel: FakeChannel, state: FakeChannel['state']): void;
  dial(channel: FakeChannel, status: string): void;
  enterStasis(channel: FakeChannel, args: readonly string[]): void;
  hangup(channel: FakeChannel, cause: number): void;
  talk(channel: FakeChannel, durationMs: number): void;
}

const DEFAULT_RING_MS = 5;
const DEFAULT_ANSWER_MS = 10;
const DEFAULT_FINAL_MS = 10;

/** Plays `scenario` for a freshly originated channel. */
export const playDialScenario = (host: ScenarioHost, channel: FakeChannel, scenario: DialScenario): void => {
  const ring = (ms: number): void =>
    host.after(ms, () => {
      if (!host.isLive(channel) || channel.state !== 'Down') return;
      host.setState(channel, 'Ringing');
      host.dial(channel, 'RINGING');
    });
  const finish = (ms: number, status: string | null, cause: number): void =>
    host.after(ms, () => {
      if (!host.isLive(channel) || channel.state === 'Up') return;
      if (status !== null) host.dial(channel, status);
      host.hangup(channel, cause);
    });

  switch (scenario.kind) {
    case 'answer': {
      const ringMs = scenario.ringMs ?? DEFAULT_RING_MS;
      const answerAt = ringMs + (scenario.answerMs ?? DEFAULT_ANSWER_MS);
      ring(ringMs);
      host.after(answerAt, () => {
        if (!host.isLive(channel)) return;
        host.setState(channel, 'Up');
        host.dial(channel, 'ANSWER');
        host.enterStasis(channel, channel.appArgs);
      });
      if (scenario.hangupAfterMs !== undefined) {
        const hangupAt = answerAt + scenario.hangupAfterMs;
        const talk = scenario.talkBeforeHangupMs;
        if (talk !== undefined) host.after(Math.max(answerAt, hangupAt - talk), () => host.talk(channel, talk * 4));
        host.after(hangupAt, () => {
          if (host.isLive(channel)) host.hangup(channel, 16);
        });
      }
      return;
    }
    case 'busy':
      ring(scenario.ringMs ?? DEFAULT_RING_MS);
      return finish(scenario.afterMs ?? DEFAULT_FINAL_MS + DEFAULT_RING_MS, 'BUSY', 17);
    case 'no-answer':
      ring(scenario.ringMs ?? DEFAULT_RING_MS);
      return finish(scenario.afterMs ?? channel.ringTimeoutS * 1000, 'NOANSWER', 19);
    case 'unavailable':
      return finish(scenario.afterMs ?? DEFAULT_FINAL_MS, 'CHANUNAVAIL', scenario.cause ?? 3);
    case 'congestion':
      return finish(scenario.afterMs ?? DEFAULT_FINAL_MS, 'CONGESTION', 34);
    case 'reject':
      ring(scenario.ringMs ?? DEFAULT_RING_MS);
      return finish(scenario.afterMs ?? DEFAULT_FINAL_MS + DEFAULT_RING_MS, null, 21);
    case 'ring-forever':
      return ring(scenario.ringMs ?? DEFAULT_RING_MS);
  }
};

/** The number in a dial string such as `PJSIP/+15551234567@carrier`, which scenarios are keyed by. */
export const dialedNumber = (endpoint: string): string => endpoint.split('/').slice(1).join('/').split('@')[0] ?? '';
