import fc from 'fast-check';
import { isFillerFrame } from '../../../../adapters/audio/energy';
import { tone } from '../../../../adapters/audio/synthetic-voice';
import { OutboundPlayout } from '../../../../adapters/telephony/media/outbound-playout';
import { Pacer } from '../../../../adapters/telephony/rtp/pacer';
import { parseRtp } from '../../../../adapters/telephony/rtp/rtp-packet';
import { type DatagramSend, RtpSender } from '../../../../adapters/telephony/rtp/rtp-sender';
import { analyse, type ReceivedPacket } from '../../../support/fakes/rtp-peer/rtp-analysis';
import { VirtualTime } from './virtual-time';

const ORIGIN = { sequenceNumber: 65_500, timestamp: 0xffff_f000, ssrc: 0x0badcafe };
const SPEECH = tone({ frequencyHz: 400, durationMs: 3000 });

/** A sender driven by the real Pacer on virtual time, its packets captured (copied) instead of sent. */
const setup = (send?: DatagramSend) => {
  const time = new VirtualTime();
  const pacer = new Pacer({ clock: time.clock, timers: time });
  const playout = new OutboundPlayout(() => time.now);
  const packets: ReceivedPacket[] = [];
  const capture: DatagramSend = (packet, done) => {
    const parsed = parseRtp(packet);
    if (!parsed.ok) throw new Error(parsed.reason);
    packets.push({ ...parsed.packet, payload: Uint8Array.from(parsed.packet.payload), arrivalMs: time.now });
    done(null);
  };
  const sender = new RtpSender(
    playout,
    ORIGIN,
    () => send ?? capture,
    () => undefined,
  );
  const registration = pacer.add(sender);
  return { time, playout, packets, sender, registration };
};

describe('RtpSender', () => {
  it('property: over 10,000 slots with talk spurts, clears and stalls, the header rules of §3.6 hold', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            gapMs: fc.integer({ min: 0, max: 3000 }),
            speechMs: fc.integer({ min: 20, max: 3000 }),
            bargeIn: fc.boolean(),
            stallMs: fc.constantFrom(0, 0, 0, 100, 250),
          }),
          { minLength: 5, maxLength: 40 },
        ),
        (turns) => {
          const { time, playout, packets, registration } = setup();
          let turn = 0;
          while (packets.length < 10_000 && turn < turns.length * 10) {
            const { gapMs, speechMs, bargeIn, stallMs } = turns[turn % turns.length];
            turn += 1;
            time.runUntil(time.now + gapMs, () => 1);
            playout.write(`item-${turn}`, SPEECH.subarray(0, speechMs * 8));
            playout.endOfItem(`item-${turn}`);
            time.runUntil(time.now + speechMs / 2, () => 1);
            if (stallMs > 0) time.stall(stallMs);
            if (bargeIn) playout.clear();
            time.runUntil(time.now + speechMs, () => 1);
          }
          const analysis = analyse(packets);
          expect(packets.length).toBeGreaterThan(5000);
          expect(analysis.payloadSizes).toEqual([160]);
          expect(analysis.payloadTypes).toEqual([0]);
          expect(analysis.ssrcs).toEqual([ORIGIN.ssrc]);
          expect(analysis.sequenceBreaks).toBe(0);
          expect(packets[0].sequenceNumber).toBe(ORIGIN.sequenceNumber);
          expect(analysis.markers).toEqual(analysis.talkSpurtStarts);
          // Timestamps: +160 per slot consumed, so a step is 160 × (1 + filler slots skipped in between).
          const stats = registration.stats();
          let oddSteps = 0;
          let jumpsInSpurts = 0;
          packets.forEach((packet, i) => {
            if (i === 0) return;
            const step = (packet.timestamp - packets[i - 1].timestamp) >>> 0;
            if (step % 160 !== 0) oddSteps += 1;
            // Within a talk spurt the timeline never jumps: agent audio is never skipped.
            if (!isFillerFrame(packet.payload) && !isFillerFrame(packets[i - 1].payload) && step !== 160)
              jumpsInSpurts += 1;
          });
          expect([oddSteps, jumpsInSpurts]).toEqual([0, 0]);
          const last = packets[packets.length - 1];
          const slots = ((last.timestamp - ORIGIN.timestamp) >>> 0) / 160 + 1;
          expect(slots).toBe(stats.slotsSent + stats.slotsSkipped);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('never reuses a packet buffer still in flight, and drops (counting) when all are', () => {
    const held: ((error: Error | null) => void)[] = [];
    const buffers = new Set<Uint8Array>();
    const { time, sender } = setup((packet, done) => {
      buffers.add(packet);
      held.push(done);
    });
    time.runUntil(time.now + 20 * 70);
    expect(buffers.size).toBe(64);
    expect(sender.stats().backpressureDrops).toBeGreaterThan(0);
    const before = sender.origin().sequenceNumber;
    held.splice(0).forEach((done) => done(null));
    time.runUntil(time.now + 40);
    expect(sender.origin().sequenceNumber).toBe((before + 2) & 0xffff);
    expect(sender.stats().packetsSent).toBe(66);
  });

  it('counts send errors (ICMP unreachable) and reports them', () => {
    const errors: Error[] = [];
    const time = new VirtualTime();
    const pacer = new Pacer({ clock: time.clock, timers: time });
    const playout = new OutboundPlayout(() => time.now);
    const sender = new RtpSender(
      playout,
      ORIGIN,
      () => (_packet, done) => done(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })),
      (error) => errors.push(error),
    );
    pacer.add(sender);
    time.runUntil(time.now + 100);
    expect(sender.stats().sendErrors).toBe(errors.length);
    expect(errors.length).toBeGreaterThan(3);
  });
});
