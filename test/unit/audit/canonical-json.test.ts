import fc from 'fast-check';
import { CanonicalJsonError, canonicalJson, compareUtf16 } from '../../../domain/audit/canonical-json';

/** The IEEE-754 double with these 64 bits (RFC 8785 Appendix B gives its examples that way). */
const double = (bits: string): number => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
};

describe('canonicalJson (RFC 8785)', () => {
  it('writes the example of RFC 8785 §3.2.2 byte for byte', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts member names by UTF-16 code units (RFC 8785 §3.2.3), not by code points', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const text = canonicalJson(input);
    const positions = ['\\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((name) =>
      text.indexOf(`"${name}":`),
    );
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('orders nested objects too and keeps array order', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 2 }, 1], a: { d: null, c: true } })).toBe(
      '{"a":{"c":true,"d":null},"b":[3,{"a":2,"z":1},1]}',
    );
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('writes the double 0x%s as %s (RFC 8785 Appendix B)', (bits, text) => {
    expect(canonicalJson(double(bits))).toBe(text);
  });

  it('writes 1e21 in exponent form, 1e20 in full, and -0 as 0', () => {
    expect(canonicalJson([1e21, 1e20, -0, 1e-7, 0.1 + 0.2])).toBe(
      '[1e+21,100000000000000000000,0,1e-7,0.30000000000000004]',
    );
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses %s', (value) => {
    expect(() => canonicalJson({ n: value })).toThrow(CanonicalJsonError);
  });

  it('escapes only the quote, the backslash and controls, with short forms where JSON has them', () => {
    expect(canonicalJson('\u0000\u0001\b\t\n\u000b\f\r\u001f "\\/\u007f\u2028é')).toBe(
      '"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f \\"\\\\/\u007f\u2028é"',
    );
  });

  it('keeps surrogate pairs as they are and refuses lone surrogates (not I-JSON)', () => {
    expect(canonicalJson('\ud83d\ude00')).toBe('"\ud83d\ude00"');
    expect(() => canonicalJson('a\ud83d')).toThrow(CanonicalJsonError);
    expect(() => canonicalJson('\ude00b')).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ ['\ud800']: 1 })).toThrow(CanonicalJsonError);
  });

  it('refuses what is not plain JSON: Date, undefined, functions, bigint, class instances, cycles', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    for (const bad of [
      { at: new Date(0) },
      { a: undefined },
      [undefined],
      { f: () => 1 },
      { n: 1n },
      { m: new Map() },
      cyclic,
      Symbol('s'),
    ])
      expect(() => canonicalJson(bad)).toThrow(CanonicalJsonError);
  });

  it('accepts plain objects without a prototype or from another realm (structuredClone, worker messages)', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, {
      b: 1,
      a: [structuredClone({ y: 2, x: 1 })],
    });
    expect(canonicalJson(bare)).toBe('{"a":[{"x":1,"y":2}],"b":1}');
    class Point {
      constructor(readonly x: number) {}
    }
    expect(() => canonicalJson({ p: new Point(1) })).toThrow(CanonicalJsonError);
  });

  it('accepts the same object seen twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  it('agrees with JSON.stringify on sorted, well-formed JSON values (property)', () => {
    const sortDeep = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(sortDeep);
      if (value !== null && typeof value === 'object')
        return Object.fromEntries(
          Object.keys(value)
            .sort(compareUtf16)
            .map((key) => [key, sortDeep((value as Record<string, unknown>)[key])]),
        );
      return value;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const sorted = sortDeep(value);
        // JSON.stringify writes -0 as 0 and orders integer-like keys first; compare on the parsed result instead.
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(sorted)));
        expect(canonicalJson(JSON.parse(canonicalJson(value)))).toBe(canonicalJson(value));
      }),
    );
  });

  it('compares names by UTF-16 code units', () => {
    expect(compareUtf16('\ud83d\ude00', '\ufb33')).toBeLessThan(0);
    expect(compareUtf16('a', 'ab')).toBeLessThan(0);
    expect(compareUtf16('b', 'a')).toBeGreaterThan(0);
    expect(compareUtf16('same', 'same')).toBe(0);
  });
});
