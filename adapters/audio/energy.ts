import { MuLaw } from './mu-law';

/**
 * Loudness of µ-law audio, measured on the decoded samples (never on the bytes as numbers, §3.1). Used by fakes,
 * tests and the simulated line to tell speech from silence.
 */
const FULL_SCALE = 32768;
/** What `frameDbfs` reports for digital silence instead of -Infinity. */
export const SILENCE_FLOOR_DBFS = -96;

export const frameRms = (frame: Uint8Array): number => {
  if (frame.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < frame.length; i += 1) {
    const sample = MuLaw.decodeSample(frame[i]);
    sum += sample * sample;
  }
  return Math.sqrt(sum / frame.length);
};

export const frameDbfs = (frame: Uint8Array): number => {
  const rms = frameRms(frame);
  return rms === 0 ? SILENCE_FLOOR_DBFS : Math.max(SILENCE_FLOOR_DBFS, 20 * Math.log10(rms / FULL_SCALE));
};

/** Speech on a phone line sits around -20 to -30 dBFS; line noise well below -50. */
export const isSpeechFrame = (frame: Uint8Array, thresholdDbfs = -45): boolean => frameDbfs(frame) > thresholdDbfs;

/** True when every byte is the filler (or its negative-zero twin 0x7F): what the pacer sends when idle. */
export const isFillerFrame = (frame: Uint8Array): boolean => {
  for (let i = 0; i < frame.length; i += 1) {
    const byte = frame[i];
    if (byte !== 0xff && byte !== 0x7f) return false;
  }
  return true;
};
