import fc from 'fast-check';
import { MuLaw } from '../../../../adapters/audio/mu-law';
import { OutboundPlayout, defaultPlayoutOptions } from '../../../../adapters/telephony/media/outbound-playout';

const audio = (length: number, seed = 1): Uint8Array => Uint8Array.from({ length }, (_, i) => (i * 7 + seed) % 0x7e);

const harness = (options = defaultPlayoutOptions) => {
  let now = 0;
  const playout = new OutboundPlayout(() => now, options);
  const finished: [string, number][] = [];
  playout.onPlaybackFinished((itemId, playedMs) => finished.push([itemId, playedMs]));
  const next = () => playout.nextFrame(now);
  const run = (slots: number) => Array.from({ length: slots }, () => next());
  return {
    playout,
    finished,
    next,
    run,
    setNow: (ms: number) => {
      now = ms;
    },
  };
};

describe('OutboundPlayout', () => {
  it('cuts an item into 160-byte frames, pads the tail at endOfItem and reports it played once sent', () => {
    const { playout, finished, run } = harness();
    const bytes = audio(400);
    playout.write('item-1', bytes);
    playout.endOfItem('item-1');
    const frames = run(4);
    expect(frames.map((frame) => frame.agent)).toEqual([true, true, true, false]);
    expect(frames[0].bytes).toEqual(bytes.subarray(0, 160));
    expect(frames[2].bytes.subarray(0, 80)).toEqual(bytes.subarray(320));
    expect(frames[2].bytes.subarray(80)).toEqual(MuLaw.silence(80));
    expect(finished).toEqual([['item-1', 50]]);
  });

  it('fires playbackFinished only after the last frame, not when endOfItem arrives', () => {
    const { playout, finished, next } = harness();
    playout.write('a', audio(480));
    playout.endOfItem('a');
    next();
    next();
    expect(finished).toEqual([]);
    next();
    expect(finished).toEqual([['a', 60]]);
  });

  it('sets the marker on the first agent frame after filler only', () => {
    const { playout, run } = harness();
    expect(run(2).map((frame) => frame.marker)).toEqual([false, false]);
    playout.write('a', audio(480));
    playout.endOfItem('a');
    expect(run(4).map((frame) => [frame.agent, frame.marker])).toEqual([
      [true, true],
      [true, false],
      [true, false],
      [false, false],
    ]);
    playout.write('b', audio(320));
    playout.endOfItem('b');
    expect(run(2).map((frame) => frame.marker)).toEqual([true, false]);
  });

  it('prebuffers an item: 60 ms queued, or 40 ms after its first byte', () => {
    const { playout, next, setNow } = harness();
    playout.write('a', audio(200));
    expect(next().agent).toBe(false);
    setNow(39);
    expect(next().agent).toBe(false);
    setNow(40);
    expect(next().agent).toBe(true);
    expect(playout.stats().underrunFrames).toBe(0);

    const quick = harness();
    quick.playout.write('b', audio(480));
    expect(quick.next().agent).toBe(true);
  });

  it('counts underruns only while a started item is incomplete', () => {
    const { playout, finished, run, next } = harness();
    playout.write('a', audio(480));
    run(3);
    expect(next().agent).toBe(false);
    expect(next().agent).toBe(false);
    expect(playout.stats().underrunFrames).toBe(2);
    playout.endOfItem('a');
    expect(finished).toEqual([['a', 60]]);
    next();
    expect(playout.stats().underrunFrames).toBe(2);
  });

  it('clear() drops everything at once, says how much was heard, and ignores late audio of the cleared item', () => {
    const { playout, finished, run, next } = harness();
    playout.write('a', audio(1600));
    run(3);
    expect(playout.clear()).toEqual({ itemId: 'a', playedMs: 60 });
    expect(next().agent).toBe(false);
    playout.write('a', audio(800));
    playout.endOfItem('a');
    expect(next().agent).toBe(false);
    expect(finished).toEqual([]);
    expect(playout.stats()).toMatchObject({ discardedBytes: 800, queuedFrames: 0, clears: 1 });
    playout.write('b', audio(480));
    const resumed = next();
    expect([resumed.agent, resumed.marker, resumed.itemId]).toEqual([true, true, 'b']);
  });

  it('clear() with nothing playing reports no item; with audio queued but unplayed reports 0 ms', () => {
    const { playout } = harness();
    expect(playout.clear()).toEqual({ itemId: null, playedMs: 0 });
    playout.write('x', audio(100));
    expect(playout.clear()).toEqual({ itemId: 'x', playedMs: 0 });
  });

  it('plays items in order; a new item ends the previous one', () => {
    const { playout, finished, run } = harness();
    playout.write('a', audio(250));
    playout.write('b', audio(160));
    playout.endOfItem('b');
    playout.endOfItem('a');
    const frames = run(4);
    expect(frames.map((frame) => frame.itemId)).toEqual(['a', 'a', 'b', null]);
    expect(finished).toEqual([
      ['a', 31],
      ['b', 20],
    ]);
  });

  it('reports an item without audio as played at once, and only once', () => {
    const { playout, finished } = harness();
    playout.endOfItem('silent');
    playout.endOfItem('silent');
    expect(finished).toEqual([['silent', 0]]);
  });

  it('bounds the queue and counts the bytes it drops', () => {
    const { playout, run } = harness({ ...defaultPlayoutOptions, maxQueueMs: 100 });
    playout.write('a', audio(1600));
    expect(playout.stats()).toMatchObject({ queuedFrames: 5, overflowBytes: 800 });
    expect(run(6).filter((frame) => frame.agent)).toHaveLength(5);
  });

  it('keeps playing when a playbackFinished listener throws', () => {
    const { playout, run } = harness();
    playout.onPlaybackFinished(() => {
      throw new Error('listener bug');
    });
    playout.write('a', audio(160));
    playout.endOfItem('a');
    playout.write('b', audio(160));
    playout.endOfItem('b');
    expect(run(2).map((frame) => frame.itemId)).toEqual(['a', 'b']);
  });

  it('property: any chunking of the same audio yields the same frames, byte for byte', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 2000 }),
        fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 50 }),
        (bytes, cuts) => {
          const { playout, run } = harness();
          let at = 0;
          for (let i = 0; at < bytes.length; i += 1) {
            const size = cuts[i % cuts.length];
            playout.write('item', bytes.subarray(at, at + size));
            at += size;
          }
          playout.endOfItem('item');
          const frames = run(Math.ceil(bytes.length / 160));
          const joined = new Uint8Array(frames.length * 160);
          frames.forEach((frame, i) => joined.set(frame.bytes, i * 160));
          expect(frames.every((frame) => frame.agent)).toBe(true);
          expect(joined.subarray(0, bytes.length)).toEqual(bytes);
          expect(joined.subarray(bytes.length)).toEqual(MuLaw.silence(joined.length - bytes.length));
        },
      ),
      { numRuns: 200 },
    );
  });
});
