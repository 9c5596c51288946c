/**
 * G.711 µ-law (VOICE.md §3.2), table-driven. The tables are built once at load from the G.711 segment definition
 * (16-bit linear form: bias 0x84, clip 32,635, 8 segments of 16 steps, bits inverted on the wire).
 *
 * Linear PCM exists only inside audio utilities, fakes and tests; the live path moves µ-law bytes untouched.
 */

/** The filler byte: decodes to 0, so a frame of it is silence. */
export const MU_LAW_SILENCE = 0xff;
/** 20 ms at 8 kHz: one RTP payload, one pacer slot. */
export const FRAME_BYTES = 160;
export const SAMPLE_RATE = 8000;
export const BYTES_PER_MS = SAMPLE_RATE / 1000;

const BIAS = 0x84;
const CLIP = 32635;

const decodeByte = (byte: number): number => {
  const inverted = ~byte & 0xff;
  const exponent = (inverted >> 4) & 0x07;
  const mantissa = inverted & 0x0f;
  const magnitude = (((mantissa << 3) + BIAS) << exponent) - BIAS;
  return inverted & 0x80 ? -magnitude : magnitude;
};

const encodeLinear = (sample: number): number => {
  const negative = sample < 0;
  let magnitude = negative ? -sample : sample;
  if (magnitude > CLIP) magnitude = CLIP;
  magnitude += BIAS;
  // The segment is the position of the highest set bit above bit 7 (0 for magnitudes below 256).
  let exponent = 7;
  for (let mask = 0x4000; exponent > 0 && (magnitude & mask) === 0; mask >>= 1) exponent -= 1;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~((negative ? 0x80 : 0) | (exponent << 4) | mantissa) & 0xff;
};

const DECODE_TABLE: Int16Array = (() => {
  const table = new Int16Array(256);
  for (let byte = 0; byte < 256; byte += 1) table[byte] = decodeByte(byte);
  return table;
})();

/** Indexed by the sample's 16-bit two's-complement pattern (`sample & 0xffff`): 64 KiB, exact at every boundary. */
const ENCODE_TABLE: Uint8Array = (() => {
  const table = new Uint8Array(65536);
  for (let pattern = 0; pattern < 65536; pattern += 1) table[pattern] = encodeLinear((pattern << 16) >> 16);
  return table;
})();

/** A byte's samples halved (-6 dB): the first concealment frame repeats the previous one this way (§3.3). */
const ATTENUATE_TABLE: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let byte = 0; byte < 256; byte += 1) table[byte] = ENCODE_TABLE[(DECODE_TABLE[byte] >> 1) & 0xffff]!;
  return table;
})();

export const MuLaw = {
  decodeSample(byte: number): number {
    return DECODE_TABLE[byte & 0xff];
  },

  /** Clamps to the Int16 range first, so callers may pass mixed or amplified values. */
  encodeSample(sample: number): number {
    const clamped = sample > 32767 ? 32767 : sample < -32768 ? -32768 : Math.trunc(sample);
    return ENCODE_TABLE[clamped & 0xffff];
  },

  decode(bytes: Uint8Array, out: Int16Array = new Int16Array(bytes.length)): Int16Array {
    for (let i = 0; i < bytes.length; i += 1) out[i] = DECODE_TABLE[bytes[i]]!;
    return out;
  },

  encode(samples: Int16Array, out: Uint8Array = new Uint8Array(samples.length)): Uint8Array {
    for (let i = 0; i < samples.length; i += 1) out[i] = ENCODE_TABLE[samples[i] & 0xffff]!;
    return out;
  },

  /** Writes `source` attenuated by 6 dB into `target` (same length or longer). */
  attenuate6dB(source: Uint8Array, target: Uint8Array): Uint8Array {
    for (let i = 0; i < source.length; i += 1) target[i] = ATTENUATE_TABLE[source[i]]!;
    return target;
  },

  silence(length: number = FRAME_BYTES): Uint8Array {
    return new Uint8Array(length).fill(MU_LAW_SILENCE);
  },
} as const;
