import fc from 'fast-check';
import { type PacedStream, Pacer } from '../../../../adapters/telephony/rtp/pacer';
import { VirtualTime } from './virtual-time';

class RecordingStream implements PacedStream {
  sends: number[] = [];
  skips: number[] = [];
  audioDue = false;
  constructor(private readonly onSend: (now: number) => void = () => undefined) {}
  sendSlot(now: number): void {
    this.sends.push(now);
    this.onSend(now);
  }
  skipFillerSlot(now: number): boolean {
    if (this.audioDue) return false;
    this.skips.push(now);
    return true;
  }
}

const setup = () => {
  const time = new VirtualTime();
  const pacer = new Pacer({ clock: time.clock, timers: time });
  return { time, pacer };
};

/** Longest run of sends at the same instant. */
const longestBurst = (sends: readonly number[]): number => {
  let longest = sends.length > 0 ? 1 : 0;
  let run = 1;
  for (let i = 1; i < sends.length; i += 1) {
    run = sends[i] === sends[i - 1] ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return longest;
};

describe('Pacer', () => {
  it('sends one frame per 20 ms slot on absolute deadlines, with one timer armed at a time', () => {
    const { time, pacer } = setup();
    const stream = new RecordingStream();
    pacer.add(stream);
    time.runUntil(1000 + 20 * 99);
    expect(stream.sends).toHaveLength(100);
    expect(stream.sends.slice(0, 3)).toEqual([1001, 1020, 1040]);
    expect(time.pending()).toBe(1);
  });

  it('does not drift when every wake-up is late: the count always matches the ideal', () => {
    const { time, pacer } = setup();
    const stream = new RecordingStream();
    pacer.add(stream);
    let seed = 1;
    time.runUntil(1000 + 60_000, () => {
      seed = (seed * 48271) % 2147483647;
      return (seed % 80) / 10;
    });
    const ideal = Math.floor(60_000 / 20) + 1;
    expect(Math.abs(stream.sends.length - ideal)).toBeLessThanOrEqual(1);
    expect(longestBurst(stream.sends)).toBeLessThanOrEqual(2);
  });

  it('after a stall with nothing to say, skips overdue filler slots and sends only the current one', () => {
    const { time, pacer } = setup();
    const stream = new RecordingStream();
    const registration = pacer.add(stream);
    time.runUntil(1100);
    const before = stream.sends.length;
    time.stall(100);
    time.runUntil(time.now);
    time.runUntil(time.now + 1);
    expect(stream.sends.length - before).toBe(1);
    expect(stream.skips.length).toBeGreaterThanOrEqual(4);
    expect(registration.stats()).toMatchObject({ slips: 1, slipMs: 0 });
    // Every slot up to now was consumed (sent or skipped): the timestamp kept pace with real time.
    time.runUntil(3000);
    expect(stream.sends.length + stream.skips.length).toBe(Math.floor((3000 - 1000) / 20) + 1);
  });

  it('after a stall during agent audio, catches up at most 3 frames and slips the rest of the timeline', () => {
    const { time, pacer } = setup();
    const stream = new RecordingStream();
    stream.audioDue = true;
    const registration = pacer.add(stream);
    time.runUntil(1100);
    const before = stream.sends.length;
    time.stall(100);
    time.runUntil(time.now + 1);
    const wake = stream.sends[before];
    expect(stream.sends.filter((at) => at === wake)).toHaveLength(3);
    expect(stream.skips).toEqual([]);
    const stats = registration.stats();
    expect(stats.slips).toBe(1);
    expect(stats.slipMs).toBeGreaterThan(0);
    expect(stats.slipMs % 20).toBe(0);
    // The next frame follows within one frame time, then the cadence is 20 ms again.
    time.runUntil(wake + 100);
    const after = stream.sends.slice(before + 3);
    expect(after[0] - wake).toBeLessThanOrEqual(20);
    expect(after.slice(1).map((at, i) => at - after[i])).toEqual([20, 20, 20, 20].slice(0, after.length - 1));
  });

  it('property: stalls of 100 ms never produce bursts over 3 frames nor long-run drift', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 50, max: 4000 }), { minLength: 1, maxLength: 10 }),
        fc.boolean(),
        (gaps, speaking) => {
          const { time, pacer } = setup();
          const stream = new RecordingStream();
          stream.audioDue = speaking;
          const registration = pacer.add(stream);
          for (const gap of gaps) {
            time.runUntil(time.now + gap, () => 1);
            time.stall(100);
          }
          time.runUntil(time.now + 200, () => 1);
          expect(longestBurst(stream.sends)).toBeLessThanOrEqual(3);
          const elapsed = time.now - 1000;
          const consumed = stream.sends.length + stream.skips.length;
          const slipped = registration.stats().slipMs / 20;
          expect(Math.abs(consumed + slipped - (Math.floor(elapsed / 20) + 1))).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('drives many streams from one timer, each on its own phase', () => {
    const { time, pacer } = setup();
    const first = new RecordingStream();
    const second = new RecordingStream();
    pacer.add(first);
    time.runUntil(1007);
    pacer.add(second);
    time.runUntil(1007 + 200);
    expect(time.pending()).toBe(1);
    expect(first.sends.every((at) => (at - 1000) % 20 === 0 || at === 1001)).toBe(true);
    expect(second.sends.slice(1).every((at) => (at - 1007) % 20 === 0)).toBe(true);
    expect(pacer.streamCount()).toBe(2);
  });

  it('disarms when the last stream leaves, and survives a stream that throws or removes itself', () => {
    const { time, pacer } = setup();
    const healthy = new RecordingStream();
    const failing = new RecordingStream(() => {
      throw new Error('socket gone');
    });
    let selfRemoving: { remove(): void } | null = null;
    const quitter = new RecordingStream(() => selfRemoving?.remove());
    const a = pacer.add(failing);
    const b = pacer.add(healthy);
    selfRemoving = pacer.add(quitter);
    time.runUntil(1100);
    expect(healthy.sends.length).toBeGreaterThan(3);
    expect(quitter.sends).toHaveLength(1);
    a.remove();
    b.remove();
    b.remove();
    expect(pacer.streamCount()).toBe(0);
    expect(pacer.isArmed()).toBe(false);
    expect(time.pending()).toBe(0);
  });
});
