import { MuLaw, SAMPLE_RATE } from './mu-law';

/**
 * Deterministic test audio in µ-law (VOICE.md §5.1): pure tones and a voice-like signal (syllables of voiced
 * harmonics with pauses between them). Same seed, same bytes, so tests can compare audio byte for byte.
 */

/** mulberry32: a tiny seeded generator, good enough for test signals and impairment plans (not for security). */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const samplesFor = (durationMs: number): number => Math.round((durationMs * SAMPLE_RATE) / 1000);
const amplitudeOf = (dbfs: number): number => 32767 * 10 ** (dbfs / 20);

export interface ToneOptions {
  readonly frequencyHz: number;
  readonly durationMs: number;
  readonly levelDbfs?: number;
}

export const tone = ({ frequencyHz, durationMs, levelDbfs = -12 }: ToneOptions): Uint8Array => {
  const count = samplesFor(durationMs);
  const amplitude = amplitudeOf(levelDbfs);
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i += 1) {
    out[i] = MuLaw.encodeSample(amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / SAMPLE_RATE));
  }
  return out;
};

export interface SyntheticVoiceOptions {
  readonly durationMs: number;
  readonly seed?: number;
  readonly pitchHz?: number;
  readonly levelDbfs?: number;
  /** When false the signal is one continuous syllable train with no pauses. */
  readonly pauses?: boolean;
}

/**
 * Syllables of 120-300 ms (a fundamental with decaying harmonics under a raised-cosine envelope, pitch wandering
 * ±10 %) separated by 60-160 ms pauses of silence.
 */
export const syntheticVoice = ({
  durationMs,
  seed = 1,
  pitchHz = 180,
  levelDbfs = -18,
  pauses = true,
}: SyntheticVoiceOptions): Uint8Array => {
  const random = seededRandom(seed);
  const total = samplesFor(durationMs);
  const amplitude = amplitudeOf(levelDbfs);
  const out = new Uint8Array(total).fill(0xff);
  let at = 0;
  let phase = 0;
  while (at < total) {
    const syllable = Math.min(total - at, samplesFor(120 + random() * 180));
    const pitch = pitchHz * (0.9 + random() * 0.2);
    for (let i = 0; i < syllable; i += 1) {
      const envelope = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / syllable);
      phase += (2 * Math.PI * pitch) / SAMPLE_RATE;
      const voiced = Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase);
      out[at + i] = MuLaw.encodeSample((amplitude * envelope * voiced) / 1.75);
    }
    at += syllable;
    if (pauses) at += samplesFor(60 + random() * 100);
  }
  return out;
};
