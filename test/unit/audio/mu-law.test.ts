import fc from 'fast-check';
import { MU_LAW_SILENCE, MuLaw } from '../../../adapters/audio/mu-law';

// Decoder output values of ITU-T G.711 Table 2 (µ-law), in the 16-bit scale (4 × the standard's 14-bit values:
// segment 1 = 0, 2 … 30; segment 2 starts at 33; segment 3 at 99; segment 8 runs 4191 … 8031).
const referenceDecode: readonly (readonly [number, number])[] = [
  [0xff, 0],
  [0xfe, 8],
  [0xf0, 120],
  [0xef, 132],
  [0xe0, 372],
  [0xdf, 396],
  [0x8f, 16764],
  [0x80, 32124],
  [0x7e, -8],
  [0x70, -120],
  [0x6f, -132],
  [0x00, -32124],
];

describe('MuLaw', () => {
  it.each(referenceDecode)('decodes byte %i to the G.711 reference value %i', (byte, value) => {
    expect(MuLaw.decodeSample(byte)).toBe(value);
  });

  it('decodes both zero codes to zero and uses 0xFF as the filler', () => {
    expect(MU_LAW_SILENCE).toBe(0xff);
    expect(MuLaw.decodeSample(0xff)).toBe(0);
    expect(MuLaw.decodeSample(0x7f)).toBe(0);
  });

  it('round-trips every byte except negative zero, which re-encodes as 0xFF', () => {
    const mismatches: number[] = [];
    for (let byte = 0; byte < 256; byte += 1) {
      const again = MuLaw.encodeSample(MuLaw.decodeSample(byte));
      if (byte === 0x7f) expect(again).toBe(0xff);
      else if (again !== byte) mismatches.push(byte);
    }
    expect(mismatches).toEqual([]);
  });

  it('places the decision thresholds where G.711 puts them', () => {
    expect(MuLaw.encodeSample(0)).toBe(0xff);
    expect(MuLaw.encodeSample(3)).toBe(0xff);
    expect(MuLaw.encodeSample(4)).toBe(0xfe);
    expect(MuLaw.encodeSample(-1)).toBe(0x7f);
    expect(MuLaw.encodeSample(-4)).toBe(0x7e);
    expect(MuLaw.encodeSample(123)).toBe(0xf0);
    expect(MuLaw.encodeSample(124)).toBe(0xef);
    expect(MuLaw.encodeSample(32767)).toBe(0x80);
    expect(MuLaw.encodeSample(-32768)).toBe(0x00);
    expect(MuLaw.encodeSample(100_000)).toBe(0x80);
  });

  it('quantises every 16-bit sample within half a segment step (plus clipping above 32,635)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -32768, max: 32767 }), (sample) => {
        const magnitude = Math.abs(sample);
        const bound = (Math.min(magnitude, 32635) + 132) / 32 + 1 + Math.max(0, magnitude - 32635);
        return Math.abs(MuLaw.decodeSample(MuLaw.encodeSample(sample)) - sample) <= bound;
      }),
      { numRuns: 5000 },
    );
  });

  it('encodes and decodes whole buffers through the same tables', () => {
    const samples = Int16Array.from([0, 8, -8, 1000, -1000, 32767, -32768]);
    const bytes = MuLaw.encode(samples);
    expect([...bytes]).toEqual([...samples].map((sample) => MuLaw.encodeSample(sample)));
    expect([...MuLaw.decode(bytes)]).toEqual([...bytes].map((byte) => MuLaw.decodeSample(byte)));
  });

  it('attenuates by 6 dB: each byte decodes to about half its original value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, byte) => byte);
    const halved = MuLaw.attenuate6dB(all, new Uint8Array(256));
    for (let byte = 0; byte < 256; byte += 1) {
      const original = MuLaw.decodeSample(byte);
      const expected = original / 2;
      expect(Math.abs(MuLaw.decodeSample(halved[byte]) - expected)).toBeLessThanOrEqual(
        (Math.abs(expected) + 132) / 32 + 1,
      );
    }
    expect(halved[0x80]).not.toBe(0x80);
  });
});
