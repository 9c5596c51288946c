import fc from 'fast-check';
import { FrameRing } from '../../../../adapters/telephony/media/frame-ring';

describe('FrameRing', () => {
  it('property: interleaved appends, seals and shifts match a plain byte queue, across wraps and growth', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 700 }) }),
      fc.record({ kind: fc.constant('shift' as const), count: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ kind: fc.constant('seal' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const ring = new FrameRing(10_000, 2);
        let model: number[] = [];
        let partial: number[] = [];
        for (const step of ops) {
          if (step.kind === 'append') {
            ring.append(step.bytes, step.bytes.length);
            partial = [...partial, ...step.bytes];
            while (partial.length >= 160) {
              model = [...model, ...partial.slice(0, 160)];
              partial = partial.slice(160);
            }
          } else if (step.kind === 'seal') {
            expect(ring.sealPartial()).toBe(partial.length);
            if (partial.length > 0)
              model = [...model, ...partial, ...new Array<number>(160 - partial.length).fill(0xff)];
            partial = [];
          } else {
            for (let k = 0; k < step.count && ring.frames() > 0; k += 1) {
              const out = new Uint8Array(170);
              ring.shiftInto(out, 10);
              expect([...out.subarray(10)]).toEqual(model.slice(0, 160));
              model = model.slice(160);
            }
          }
          expect(ring.frames()).toBe(model.length / 160);
          expect(ring.partialBytes()).toBe(partial.length);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reports the room left under its bound', () => {
    const ring = new FrameRing(3);
    expect(ring.room()).toBe(480);
    ring.append(new Uint8Array(200), 200);
    expect(ring.room()).toBe(280);
    ring.clear();
    expect(ring.room()).toBe(480);
  });
});
