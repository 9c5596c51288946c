import type { TelephonyEvent } from '../../../../application/ports/telephony';
import type { DialScenario } from '../../../support/fakes/ari/fake-dial-scenarios';
import { mediaOf, startReadyKit, waitFor, type AriKit } from './ari-test-kit';

/**
 * QUALITY.md R2 / VOICE.md §7.8 for the ARI adapter: 1,000 calls, each with a fault (busy, no answer, unreachable,
 * congestion, rejected, hang-up mid-utterance, our hang-up, hang-up during AMD, a machine, media lost, plus failed
 * originates and failed RTP legs sprinkled in), leave nothing behind: no channel or bridge on the fake, no leg,
 * no registry entry or saga, no adapter timer, and the process's sockets and timers back to their baseline.
 */
const CALLS = 1000;
const CONCURRENCY = 10;
const FINAL = new Set(['dialFailed', 'hungUp', 'legLost']);

const scenarioFor = (kind: number): DialScenario => {
  const human = { status: 'HUMAN', cause: 'HUMAN-500-500', delayMs: 2 };
  switch (kind) {
    case 0:
      return { kind: 'busy', ringMs: 2, afterMs: 5 };
    case 1:
      return { kind: 'no-answer', ringMs: 2, afterMs: 15 };
    case 2:
      return { kind: 'unavailable', afterMs: 3 };
    case 3:
      return { kind: 'congestion', afterMs: 3 };
    case 4:
      return { kind: 'reject', ringMs: 2, afterMs: 5 };
    case 5:
      return { kind: 'answer', ringMs: 2, answerMs: 3, amd: human, hangupAfterMs: 60, talkBeforeHangupMs: 30 };
    case 7:
      return { kind: 'answer', ringMs: 2, answerMs: 3, amd: { ...human, hangupDuring: true } };
    case 8:
      return { kind: 'answer', ringMs: 2, answerMs: 3, amd: { status: 'MACHINE', cause: 'MAXWORDS-5-5', delayMs: 2 } };
    default:
      return { kind: 'answer', ringMs: 2, answerMs: 3, amd: human };
  }
};

/** The kinds of resources a leak would show up as, counted for the whole process. */
const resources = (): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) {
    if (['Timeout', 'UDPWrap', 'TCPSocketWrap', 'TCPServerWrap'].includes(name)) counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
};

describe('ARI adapter after 1,000 faulty calls', () => {
  let kit: AriKit;

  afterAll(async () => {
    await kit?.stop();
  });

  it('leaves zero channels, bridges, legs, registry entries, sockets and timers', async () => {
    const baseline = resources();
    kit = await startReadyKit({ amd: true, sagaBudgetMs: 5000, requestTimeoutMs: 5000 });
    const steadyTimers = kit.timers.active;

    kit.media.failOpens = 40;
    // Every 37th number cannot be dialled (500 twice): refused calls, spread out so the breaker stays closed.
    kit.fake.override('channels.originate', {
      status: 500,
      message: 'Allocation failed',
      when: (params) => Number(/\+(\d+)@/.exec(params['endpoint'] ?? '')?.[1]) % 37 === 0,
    });

    const finals = new Map<string, (event: TelephonyEvent) => void>();
    const act = (event: TelephonyEvent): void => {
      const kind = Number(event.callId.slice(4)) % 10;
      if (FINAL.has(event.type)) return finals.get(event.callId)?.(event);
      if (event.type === 'mediaReady' && kind === 6)
        void kit.telephony.hangup(event.callId).then(() => finals.get(event.callId)?.(event));
      if (event.type === 'mediaReady' && kind === 9) kit.fake.remoteHangup(mediaOf(event.callId));
      if (event.type === 'answered' && event.by === 'machine')
        void kit.telephony.hangup(event.callId).then(() => finals.get(event.callId)?.(event));
    };
    kit.telephony.onEvent(act);

    let refused = 0;
    const outcomes = new Map<string, number>();
    const runCall = async (i: number): Promise<void> => {
      const callId = `soak${i}`;
      const to = `+1555${String(i).padStart(7, '0')}`;
      kit.fake.setScenario(to, scenarioFor(i % 10));
      const ended = new Promise<TelephonyEvent>((resolve, reject) => {
        const watchdog = setTimeout(
          () => reject(new Error(`${callId} never ended: ${kit.typesFor(callId).join(',')}`)),
          15_000,
        );
        finals.set(callId, (event) => {
          clearTimeout(watchdog);
          finals.delete(callId);
          resolve(event);
        });
      });
      const result = await kit.telephony.placeCall({ callId, to, language: 'en' });
      if (!result.accepted) {
        refused += 1;
        finals.get(callId)?.({ type: 'legLost', callId, at: new Date() });
      }
      const last = await ended;
      const key = last.type === 'dialFailed' ? `dialFailed:${last.outcome}` : last.type;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    };

    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < CALLS) await runCall(next++);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    await waitFor(
      'every saga done',
      () => {
        const ours = kit.telephony.inspect();
        return ours.calls + ours.registry + ours.sagas === 0;
      },
      20_000,
    );
    await waitFor('fake empty', () => kit.fake.counts().channels + kit.fake.counts().bridges === 0, 5000);

    // Every kind of ending happened, and nothing failed silently.
    expect(refused).toBeGreaterThan(0);
    for (const key of ['dialFailed:busy', 'dialFailed:no-answer', 'dialFailed:failed', 'hungUp', 'legLost']) {
      expect(outcomes.get(key) ?? 0).toBeGreaterThan(0);
    }
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(CALLS);
    expect(kit.fake.counts()).toMatchObject({ channels: 0, bridges: 0, mediaSockets: 0, eventSockets: 1 });
    expect(kit.media.legs.size).toBe(0);
    expect(kit.media.opened).toBe(kit.media.released);
    // Kinds 5, 6 and 9 go live (300 calls, less refusals and 40 failed legs).
    expect(kit.media.opened).toBeGreaterThan(150);
    expect(kit.telephony.lateObjectsRemoved + kit.telephony.auditRemovals).toBe(0);
    expect(kit.telephony.sagasLeftToAudits).toBe(0);
    expect(kit.timers.active).toBe(steadyTimers);

    await kit.telephony.close();
    expect(kit.timers.active).toBe(0);
    await kit.fake.stop();
    await waitFor(
      'process resources back to baseline',
      () => {
        const now = resources();
        return ['Timeout', 'UDPWrap', 'TCPSocketWrap', 'TCPServerWrap'].every(
          (k) => (now[k] ?? 0) <= (baseline[k] ?? 0),
        );
      },
      5000,
    );
  }, 180_000);
});
