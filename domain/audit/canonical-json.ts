/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), written by hand (RESOLUTIONS.md 17): the byte-exact form that audit
 * hashes are computed over, so that the same entry always hashes the same, whatever the key order of the object in
 * memory or in the database.
 *
 * - Objects: members sorted by their names compared as arrays of UTF-16 code units (RFC 8785 §3.2.3), no whitespace.
 * - Arrays: kept in order.
 * - Numbers: the ECMAScript `Number.prototype.toString` form (RFC 8785 §3.2.2.3): `-0` is `0`, `1e21` is `1e+21`,
 *   `0.000001` stays as it is, `1e-7` is `1e-7`. NaN and the infinities are not JSON and are refused.
 * - Strings: only `"`, `\` and the controls U+0000-U+001F are escaped (`\b \t \n \f \r` short forms, the rest as
 *   lowercase `\u00xx`); everything else is written as it is. Lone surrogates are not I-JSON and are refused.
 *
 * Only plain JSON values are accepted: `undefined`, functions, symbols, bigints, `Date`s (pass ISO strings) and any
 * other class instance throw, as do cycles. Refusing instead of skipping keeps a value that would not survive a
 * database round trip out of a hash.
 */
export class CanonicalJsonError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

const hex4 = (code: number): string => code.toString(16).padStart(4, '0');

/** Anything `canonicalString` must look at character by character: controls, `"`, `\` and surrogates. */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what must be escaped.
const NEEDS_CARE = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** A JSON string literal in the JCS form. */
export const canonicalString = (text: string): string => (NEEDS_CARE.test(text) ? escaped(text) : `"${text}"`);

const escaped = (text: string): string => {
  let out = '"';
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    let escape: string | undefined;
    if (code < 0x20 || code === 0x22 || code === 0x5c) {
      escape = SHORT_ESCAPES[code] ?? `\\u${hex4(code)}`;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
      if (next < 0xdc00 || next > 0xdfff) throw new CanonicalJsonError(`lone high surrogate U+${hex4(code)}`);
      i += 1;
      continue;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      throw new CanonicalJsonError(`lone low surrogate U+${hex4(code)}`);
    }
    if (escape !== undefined) {
      out += text.slice(start, i) + escape;
      start = i + 1;
    }
  }
  return `${out}${text.slice(start)}"`;
};

/** A JSON number in the JCS (ECMAScript) form. */
export const canonicalNumber = (value: number): string => {
  if (!Number.isFinite(value)) throw new CanonicalJsonError(`${String(value)} is not a JSON number`);
  // Number.prototype.toString is the serialisation RFC 8785 adopts; it already writes -0 as "0".
  return Object.is(value, -0) ? '0' : value.toString();
};

/** Orders member names by UTF-16 code units (not by code points, not by locale). */
export const compareUtf16 = (a: string, b: string): number => {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const difference = a.charCodeAt(i) - b.charCodeAt(i);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
};

/** `{}` or `Object.create(null)`, from any realm (a `structuredClone` or a worker message comes from another one). */
const isPlainObject = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value) as object | null;
  return (
    prototype === null ||
    (Object.getPrototypeOf(prototype) === null && Object.prototype.toString.call(value) === '[object Object]')
  );
};

type Trail = (string | number)[];

const fail = (trail: Trail, problem: string): never => {
  const path = trail.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('');
  throw new CanonicalJsonError(`$${path} ${problem}`);
};

/** Recursion keeps the path as a stack of steps (joined only for an error) and the open containers (cycles). */
const write = (value: unknown, trail: Trail, open: object[], omit: readonly string[]): string => {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? canonicalNumber(value) : fail(trail, `is ${String(value)}, not a JSON number`);
    case 'string':
      return canonicalString(value);
    case 'object':
      break;
    default:
      return fail(trail, `is ${typeof value}, which is not a JSON value`);
  }
  if (open.includes(value)) fail(trail, 'refers back to itself');
  open.push(value);
  let out: string;
  if (Array.isArray(value)) {
    const items = value as readonly unknown[];
    out = '[';
    for (let i = 0; i < items.length; i += 1) {
      trail.push(i);
      out += (i === 0 ? '' : ',') + write(items[i], trail, open, []);
      trail.pop();
    }
    out += ']';
  } else {
    if (!isPlainObject(value)) {
      const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      fail(trail, `is a ${kind}; only plain objects are JSON (write dates as ISO strings)`);
    }
    const record = value as Readonly<Record<string, unknown>>;
    // Array.prototype.sort without a comparator orders strings by UTF-16 code units: exactly RFC 8785 §3.2.3
    // (`compareUtf16` is the same order, spelled out).
    const keys = Object.keys(record).sort();
    out = '{';
    let first = true;
    for (const key of keys) {
      if (omit.length > 0 && omit.includes(key)) continue;
      trail.push(key);
      out += `${first ? '' : ','}${canonicalString(key)}:${write(record[key], trail, open, [])}`;
      trail.pop();
      first = false;
    }
    out += '}';
  }
  open.pop();
  return out;
};

/**
 * The RFC 8785 canonical text of a JSON value. Throws `CanonicalJsonError` for anything that is not plain JSON.
 * `omitTopLevel` leaves members of the outermost object out (the hash and signature of an entry, for example)
 * without copying it.
 */
export const canonicalJson = (value: unknown, omitTopLevel: readonly string[] = []): string =>
  write(value, [], [], omitTopLevel);
