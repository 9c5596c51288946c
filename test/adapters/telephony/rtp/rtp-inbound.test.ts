import { type Endpoint, RtpInbound } from '../../../../adapters/telephony/rtp/rtp-inbound';
import { serializeRtp } from '../../../../adapters/telephony/rtp/rtp-packet';

const ASTERISK = { address: '10.0.0.5', port: 20000 };
const payloadOf = (tag: number): Uint8Array => new Uint8Array(160).fill(tag);
const packet = (seq: number, options: { ssrc?: number; pt?: number; tag?: number } = {}): Uint8Array =>
  serializeRtp(
    {
      marker: false,
      payloadType: options.pt ?? 0,
      sequenceNumber: seq,
      timestamp: 1000 + 160 * seq,
      ssrc: options.ssrc ?? 0xaaaa,
    },
    payloadOf(options.tag ?? seq & 0x7f),
  );

const setup = () => {
  const learned: Endpoint[] = [];
  const inbound = new RtpInbound((remote) => learned.push(remote));
  const frames: number[] = [];
  const consumer = { onFrame: (frame: Uint8Array) => frames.push(frame[0]) };
  let now = 0;
  const from = (source: Endpoint, datagram: Uint8Array) => {
    now += 20;
    inbound.onDatagram(datagram, source.address, source.port, now);
  };
  return { inbound, learned, frames, consumer, from };
};

describe('RtpInbound', () => {
  it('learns the first valid source and drops every other source afterwards', () => {
    const { inbound, learned, frames, consumer, from } = setup();
    inbound.attach(consumer);
    from(ASTERISK, Uint8Array.of(1, 2, 3));
    expect(learned).toEqual([]);
    from(ASTERISK, packet(1));
    from({ ...ASTERISK, port: 20002 }, packet(2, { tag: 99 }));
    from({ address: '10.0.0.6', port: 20000 }, packet(2, { tag: 98 }));
    from(ASTERISK, packet(2));
    expect(learned).toEqual([ASTERISK]);
    expect(frames).toEqual([1, 2]);
    expect(inbound.stats()).toMatchObject({ rejectedSource: 2, malformed: 1, framesReleased: 2 });
  });

  it('with a pinned remote, never learns a spoofer that speaks first', () => {
    const { inbound, learned, frames, consumer, from } = setup();
    inbound.expect(ASTERISK);
    inbound.attach(consumer);
    from({ address: '10.9.9.9', port: 20000 }, packet(1, { tag: 66 }));
    from({ address: `::ffff:${ASTERISK.address}`, port: ASTERISK.port }, packet(1));
    expect(learned).toEqual([]);
    expect(frames).toEqual([1]);
    expect(inbound.stats().rejectedSource).toBe(1);
  });

  it('accepts PT 0 only, counting comfort noise, telephone events and other types apart', () => {
    const { inbound, frames, consumer, from } = setup();
    inbound.attach(consumer);
    from(ASTERISK, packet(1));
    from(ASTERISK, packet(2, { pt: 13 }));
    from(ASTERISK, packet(3, { pt: 101 }));
    from(ASTERISK, packet(4, { pt: 8 }));
    expect(frames).toEqual([1]);
    expect(inbound.stats()).toMatchObject({ comfortNoise: 1, telephoneEvents: 1, rejectedPt: 1 });
  });

  it('locks the SSRC and adopts a new one only after 3 consecutive packets', () => {
    const { inbound, frames, consumer, from } = setup();
    inbound.attach(consumer);
    from(ASTERISK, packet(1));
    from(ASTERISK, packet(500, { ssrc: 0xbbbb }));
    from(ASTERISK, packet(2));
    from(ASTERISK, packet(501, { ssrc: 0xbbbb }));
    from(ASTERISK, packet(502, { ssrc: 0xbbbb }));
    from(ASTERISK, packet(503, { ssrc: 0xbbbb }));
    from(ASTERISK, packet(504, { ssrc: 0xbbbb }));
    expect(frames).toEqual([1, 2, 503 & 0x7f, 504 & 0x7f]);
    expect(inbound.stats()).toMatchObject({ ssrcChanges: 1, ssrcDropped: 3 });
  });

  it('keeps the last 2 s while no consumer is attached and delivers them first, in order', () => {
    const { inbound, frames, consumer, from } = setup();
    for (let seq = 0; seq < 120; seq += 1) from(ASTERISK, packet(seq));
    inbound.attach(consumer);
    from(ASTERISK, packet(120));
    expect(frames).toHaveLength(101);
    expect(frames[0]).toBe(20);
    expect(frames[100]).toBe(120 & 0x7f);
    expect(inbound.stats()).toMatchObject({ pendingDropped: 20, framesReleased: 121 });
    inbound.detach();
    from(ASTERISK, packet(121));
    expect(frames).toHaveLength(101);
  });

  it('counts a consumer that throws and keeps delivering', () => {
    const { inbound, from } = setup();
    let calls = 0;
    inbound.attach({
      onFrame: () => {
        calls += 1;
        throw new Error('agent bug');
      },
    });
    from(ASTERISK, packet(1));
    from(ASTERISK, packet(2));
    expect(calls).toBe(2);
    expect(inbound.stats().consumerErrors).toBe(2);
  });
});
