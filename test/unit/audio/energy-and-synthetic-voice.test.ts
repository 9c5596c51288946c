import { SILENCE_FLOOR_DBFS, frameDbfs, isFillerFrame, isSpeechFrame } from '../../../adapters/audio/energy';
import { FRAME_BYTES, MuLaw } from '../../../adapters/audio/mu-law';
import { syntheticVoice, tone } from '../../../adapters/audio/synthetic-voice';

const framesOf = (audio: Uint8Array): Uint8Array[] =>
  Array.from({ length: Math.floor(audio.length / FRAME_BYTES) }, (_, i) =>
    audio.subarray(i * FRAME_BYTES, (i + 1) * FRAME_BYTES),
  );

describe('frame energy', () => {
  it('measures a sine at its RMS level (peak − 3 dB)', () => {
    const frame = tone({ frequencyHz: 1000, durationMs: 20, levelDbfs: -12 });
    expect(frame).toHaveLength(FRAME_BYTES);
    expect(frameDbfs(frame)).toBeCloseTo(-15, 0);
    expect(isSpeechFrame(frame)).toBe(true);
  });

  it('reports the floor for digital silence and recognises filler frames', () => {
    const silence = MuLaw.silence();
    expect(frameDbfs(silence)).toBe(SILENCE_FLOOR_DBFS);
    expect(isSpeechFrame(silence)).toBe(false);
    expect(isFillerFrame(silence)).toBe(true);
    expect(isFillerFrame(new Uint8Array(FRAME_BYTES).fill(0x7f))).toBe(true);
    expect(isFillerFrame(tone({ frequencyHz: 440, durationMs: 20 }))).toBe(false);
  });

  it('tracks level: a tone 20 dB quieter measures 20 dB lower', () => {
    const loud = frameDbfs(tone({ frequencyHz: 700, durationMs: 20, levelDbfs: -6 }));
    const quiet = frameDbfs(tone({ frequencyHz: 700, durationMs: 20, levelDbfs: -26 }));
    expect(loud - quiet).toBeGreaterThan(19);
    expect(loud - quiet).toBeLessThan(21);
  });
});

describe('syntheticVoice', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = syntheticVoice({ durationMs: 2000, seed: 3 });
    expect(a).toHaveLength(16000);
    expect(syntheticVoice({ durationMs: 2000, seed: 3 })).toEqual(a);
    expect(syntheticVoice({ durationMs: 2000, seed: 4 })).not.toEqual(a);
  });

  it('alternates speech and pauses like a talker', () => {
    const frames = framesOf(syntheticVoice({ durationMs: 3000, seed: 9 }));
    const speech = frames.filter((frame) => isSpeechFrame(frame)).length;
    const silent = frames.filter((frame) => isFillerFrame(frame)).length;
    expect(speech).toBeGreaterThan(frames.length / 2);
    expect(silent).toBeGreaterThan(0);
  });

  it('has no pauses when asked for a continuous train', () => {
    const frames = framesOf(syntheticVoice({ durationMs: 1000, seed: 2, pauses: false }));
    expect(frames.filter((frame) => isFillerFrame(frame))).toHaveLength(0);
  });
});
