import fc from 'fast-check';
import { MuLaw } from '../../../../adapters/audio/mu-law';
import { ReorderBuffer, defaultReorderOptions } from '../../../../adapters/telephony/rtp/reorder-buffer';

/** A payload that says which packet it is: bytes 0-1 hold the sequence number, the rest is a non-silent level. */
const frame = (seq: number, size = 160): Uint8Array => {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes[0] = (seq >> 8) & 0xff;
  bytes[1] = seq & 0xff;
  return bytes;
};

interface Out {
  readonly seq: number | null;
  readonly concealed: boolean;
  readonly bytes: Uint8Array;
}

const harness = (options = defaultReorderOptions) => {
  const out: Out[] = [];
  const buffer = new ReorderBuffer(
    (payload, concealed) =>
      out.push({ seq: concealed ? null : (payload[0] << 8) | payload[1], concealed, bytes: payload }),
    options,
  );
  /** Pushes packet `seq` with timestamp `ts0 + 160 × (seq − seq0)` at `at` ms. */
  const push = (seq: number, at: number, ts = 10_000 + 160 * seq, size = 160) =>
    buffer.push(seq & 0xffff, ts >>> 0, frame(seq & 0xffff, size), at);
  const seqs = () => out.map((item) => (item.concealed ? 'C' : item.seq));
  return { buffer, out, push, seqs };
};

describe('ReorderBuffer', () => {
  it('releases in-order packets at once, across the 16-bit wrap', () => {
    const { push, seqs, buffer } = harness();
    [65533, 65534, 65535, 65536, 65537].forEach((seq, i) => push(seq, i * 20));
    expect(seqs()).toEqual([65533, 65534, 65535, 0, 1]);
    expect(buffer.stats()).toMatchObject({ received: 5, released: 5, lost: 0, late: 0, duplicates: 0 });
  });

  it('repairs reordering within the wait without concealment', () => {
    const { push, seqs, buffer } = harness();
    push(1, 0);
    push(3, 20);
    expect(seqs()).toEqual([1]);
    expect(buffer.heldCount()).toBe(1);
    push(2, 25);
    expect(seqs()).toEqual([1, 2, 3]);
    expect(buffer.stats().concealedFrames).toBe(0);
  });

  it('conceals a lost frame once the wait has passed: the previous frame at -6 dB', () => {
    const { push, out, buffer } = harness();
    push(1, 0);
    push(3, 20);
    buffer.poll(59);
    expect(out).toHaveLength(1);
    buffer.poll(60);
    expect(out.map((item) => item.seq)).toEqual([1, null, 3]);
    expect(out[1].bytes).toEqual(MuLaw.attenuate6dB(frame(1), new Uint8Array(160)));
    expect(buffer.stats()).toMatchObject({ lost: 1, concealedFrames: 1 });
  });

  it('conceals a longer gap with one repeat and then silence, triggered by a later arrival', () => {
    const { push, out, seqs } = harness();
    push(10, 0);
    push(14, 20);
    push(15, 40);
    expect(seqs()).toEqual([10]);
    push(16, 60);
    expect(seqs()).toEqual([10, 'C', 'C', 'C', 14, 15, 16]);
    expect(out[2].bytes).toEqual(MuLaw.silence());
    expect(out[3].bytes).toEqual(MuLaw.silence());
  });

  it('counts the missing samples from timestamps, so other packet sizes work', () => {
    const { push, out } = harness();
    push(1, 0, 0, 80);
    push(3, 10, 160, 80);
    push(4, 50, 240, 80);
    expect(out.map((item) => item.bytes.length)).toEqual([80, 80, 80, 80]);
    expect(out[1].concealed).toBe(true);
  });

  it('drops duplicates of released and of held packets', () => {
    const { push, seqs, buffer } = harness();
    push(1, 0);
    push(1, 1);
    push(3, 20);
    push(3, 21);
    push(2, 22);
    expect(seqs()).toEqual([1, 2, 3]);
    expect(buffer.stats().duplicates).toBe(2);
  });

  it('drops a packet that arrives after its gap was concealed as late', () => {
    const { push, seqs, buffer } = harness();
    push(1, 0);
    push(3, 20);
    buffer.poll(60);
    push(2, 61);
    expect(seqs()).toEqual([1, 'C', 3]);
    expect(buffer.stats()).toMatchObject({ late: 1, duplicates: 0 });
  });

  it('holds at most 8 packets, then conceals without waiting', () => {
    const { push, seqs, buffer } = harness();
    push(1, 0);
    for (let seq = 3; seq <= 10; seq += 1) push(seq, 1);
    expect(seqs()).toEqual([1]);
    push(11, 2);
    expect(seqs()).toEqual([1, 'C', 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(buffer.heldCount()).toBe(0);
  });

  it('resynchronises on a sequence jump over 100, with no concealment', () => {
    const { push, seqs, buffer } = harness();
    push(1, 0);
    push(300, 20);
    push(301, 40);
    expect(seqs()).toEqual([1, 300, 301]);
    expect(buffer.stats()).toMatchObject({ resyncs: 1, concealedFrames: 0 });
  });

  it('resynchronises on a timestamp jump over 2 s in sequence', () => {
    const { push, seqs, buffer } = harness();
    push(1, 0);
    push(2, 20, 10_000 + 160 * 2 + 16_001);
    push(3, 40, 10_000 + 160 * 3 + 16_001);
    expect(seqs()).toEqual([1, 2, 3]);
    expect(buffer.stats().resyncs).toBe(1);
  });

  it('does not conceal a gap longer than 1 s', () => {
    const { push, seqs, buffer } = harness();
    push(1, 0);
    push(60, 20);
    buffer.poll(100);
    expect(seqs()).toEqual([1, 60]);
    expect(buffer.stats()).toMatchObject({ resyncs: 1, concealedFrames: 0, lost: 58 });
  });

  it('believes a far backward jump only when the next packet continues it', () => {
    const { push, seqs, buffer } = harness();
    push(500, 0);
    push(501, 20);
    push(100, 40);
    expect(seqs()).toEqual([500, 501]);
    expect(buffer.stats().late).toBe(1);
    push(101, 60);
    push(102, 80);
    expect(seqs()).toEqual([500, 501, 101, 102]);
    expect(buffer.stats().resyncs).toBe(1);
  });

  it('starts afresh after reset (an SSRC change), releasing what it held', () => {
    const { push, seqs, buffer } = harness();
    push(1, 0);
    push(3, 20);
    buffer.reset();
    expect(seqs()).toEqual([1, 3]);
    push(9000, 40);
    push(9001, 60);
    expect(seqs()).toEqual([1, 3, 9000, 9001]);
  });

  it('measures RFC 3550 jitter: zero for a steady stream, positive when arrivals wobble', () => {
    const steady = harness();
    for (let seq = 0; seq < 50; seq += 1) steady.push(seq, seq * 20);
    expect(steady.buffer.stats().jitterMs).toBe(0);
    const wobbly = harness();
    for (let seq = 0; seq < 50; seq += 1) wobbly.push(seq, seq * 20 + (seq % 2) * 6);
    expect(wobbly.buffer.stats().jitterMs).toBeGreaterThan(2);
  });

  it('property: with displacement under the wait, every received packet is released once, in order, and only real gaps are concealed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 200 }),
        fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 200, maxLength: 200 }),
        (start, keep, wobble) => {
          const { push, out, buffer } = harness();
          const sent = keep
            .map((kept, i) => ({ seq: start + i, kept }))
            .filter((item) => item.kept || item.seq === start);
          const arrivals = sent
            .map((item, i) => ({ seq: item.seq, at: (item.seq - start) * 20 + wobble[i % 200] }))
            .sort((a, b) => a.at - b.at);
          arrivals.forEach((item) => push(item.seq, item.at));
          buffer.poll(1e9);
          const real = out.filter((item) => !item.concealed).map((item) => item.seq);
          expect(real).toEqual(sent.map((item) => item.seq & 0xffff));
          const last = sent[sent.length - 1].seq;
          expect(out).toHaveLength(last - start + 1);
          expect(buffer.stats().lost).toBe(last - start + 1 - sent.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
