import fc from 'fast-check';
import {
  type RtpParseResult,
  parseRtp,
  serializeRtp,
  writeRtpHeader,
} from '../../../../adapters/telephony/rtp/rtp-packet';

const payload = Uint8Array.from({ length: 160 }, (_, i) => i & 0xff);
const fields = { marker: true, payloadType: 0, sequenceNumber: 0xfffe, timestamp: 0xfffffff0, ssrc: 0xdeadbeef };

const parsedOk = (result: RtpParseResult) => {
  if (!result.ok) throw new Error(`expected a packet, got ${result.reason}`);
  return result.packet;
};

/** A header with the given first byte, then `extra` bytes (CSRCs, extension), the payload and optional padding. */
const withFirstByte = (first: number, extra: number[], body: Uint8Array, padding: number[] = []): Uint8Array => {
  const header = serializeRtp({ ...fields, marker: false }, new Uint8Array(0));
  header[0] = first;
  return Uint8Array.from([...header, ...extra, ...body, ...padding]);
};

describe('RTP packets', () => {
  it('writes the fixed 12-byte header we send: V=2, no padding, extension or CSRC', () => {
    const packet = serializeRtp(fields, payload);
    expect(packet).toHaveLength(172);
    expect([...packet.subarray(0, 12)]).toEqual([
      0x80, 0x80, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xf0, 0xde, 0xad, 0xbe, 0xef,
    ]);
    expect(packet.subarray(12)).toEqual(payload);
  });

  it('round-trips any header fields', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 0, max: 127 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.uint8Array({ minLength: 1, maxLength: 320 }),
        (marker, payloadType, sequenceNumber, timestamp, ssrc, body) => {
          const packet = parsedOk(
            parseRtp(serializeRtp({ marker, payloadType, sequenceNumber, timestamp, ssrc }, body)),
          );
          expect(packet).toEqual({ marker, payloadType, sequenceNumber, timestamp, ssrc, payload: body });
        },
      ),
    );
  });

  it('writes into a reused buffer without touching the payload area', () => {
    const target = new Uint8Array(172).fill(0x55);
    writeRtpHeader(target, { ...fields, marker: false, payloadType: 0 });
    expect(target[1]).toBe(0x00);
    expect(target[12]).toBe(0x55);
  });

  it('skips CSRCs, a header extension and padding on parse', () => {
    const csrcs = [0, 0, 0, 1, 0, 0, 0, 2];
    const extension = [0xbe, 0xde, 0, 1, 9, 9, 9, 9];
    const datagram = withFirstByte(0x80 | 0x20 | 0x10 | 2, [...csrcs, ...extension], payload, [0, 0, 3]);
    const packet = parsedOk(parseRtp(datagram));
    expect(packet.payload).toEqual(payload);
    expect(packet.ssrc).toBe(fields.ssrc);
  });

  it.each([
    ['short', new Uint8Array(11)],
    ['version', withFirstByte(0x40, [], payload)],
    ['csrc', withFirstByte(0x8f, [], new Uint8Array(8))],
    ['extension', withFirstByte(0x90, [0xbe, 0xde], new Uint8Array(0))],
    ['extension', withFirstByte(0x90, [0xbe, 0xde, 0, 10, 1, 2, 3, 4], new Uint8Array(0))],
    ['padding', withFirstByte(0xa0, [], payload, [0])],
    ['padding', withFirstByte(0xa0, [], Uint8Array.of(1, 2), [200])],
    ['empty', withFirstByte(0x80, [], new Uint8Array(0))],
  ] as const)('rejects a malformed packet (%s)', (reason, datagram) => {
    expect(parseRtp(datagram)).toEqual({ ok: false, reason });
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const result = parseRtp(bytes);
        if (result.ok) expect(result.packet.payload.length).toBeGreaterThan(0);
      }),
    );
  });
});
