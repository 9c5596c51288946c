import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { en, es } from '../../../adapters/i18n/catalogues';

/**
 * Every error id thrown in application/ and domain/ with a literal id (through `new DomainError` or the
 * `notFound`/`conflict`/`unavailable`/`forbidden`/`invalid` helpers) has a message in both catalogues, unless its
 * message is a contract string (API-CONTRACT.md §3.2), which stays English and is deliberately left out.
 */
const ROOT = join(__dirname, '..', '..', '..');

/** The exact texts of API-CONTRACT.md §3.2 that errors carry. */
const CONTRACT_STRINGS = new Set([
  'Org Email already taken',
  'password must be at least 8 characters',
  'password must contain at least 1 letter and 1 number',
  'Incorrect email or password',
  'Please verify your email before logging in. We have sent you a new verification email.',
  'This account was set up with single sign-on (SSO). Link a password to it or continue with SSO.',
  'Invalid or expired invite token',
  'Invite token has expired',
  'Caregiver already invited',
  'Access denied: insufficient permissions.',
  'Invalid verification code',
  'Email not found',
]);

/** Ids whose message is chosen at run time, always among the contract strings (the password rules). */
const CONTRACT_IDS_WITH_RUNTIME_MESSAGES = new Set(['PASSWORD_POLICY']);

const HELPER_MESSAGE_POSITION: Readonly<Record<string, number>> = {
  'new DomainError': 2,
  notFound: 1,
  conflict: 1,
  unavailable: 1,
  invalid: 1,
  forbidden: -1,
};

const DEFAULT_MESSAGES: Readonly<Record<string, string | undefined>> = {
  notFound: 'Not found',
  unavailable: 'Service unavailable',
  forbidden: 'Access denied: insufficient permissions.',
};

interface Thrown {
  readonly id: string;
  /** The English message, when the call spells it as a literal; null when it is computed. */
  readonly message: string | null;
  readonly where: string;
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });

const CALL = /(new DomainError|\bnotFound|\bconflict|\bunavailable|\bforbidden|\binvalid)\(\s*'([A-Z][A-Z0-9_]*)'/g;
const NEXT_LITERAL = /^\s*,\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/;

/** The literal arguments after the id, in order, up to the first argument that is not a plain string. */
const literalsAfter = (text: string): string[] => {
  const found: string[] = [];
  let rest = text;
  for (let match = NEXT_LITERAL.exec(rest); match !== null; match = NEXT_LITERAL.exec(rest)) {
    found.push((match[1] ?? match[2] ?? '').replace(/\\(.)/g, '$1'));
    rest = rest.slice(match[0].length);
  }
  return found;
};

const thrownIds = (): Thrown[] =>
  ['application', 'domain'].flatMap((top) =>
    sourceFiles(join(ROOT, top)).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(CALL)].map((match): Thrown => {
        const helper = match[1] ?? '';
        const position = HELPER_MESSAGE_POSITION[helper] ?? 1;
        const literals = literalsAfter(text.slice((match.index ?? 0) + match[0].length));
        const message = position < 0 ? (DEFAULT_MESSAGES[helper] ?? null) : literals[position - 1];
        const fallback = literals.length < position ? (DEFAULT_MESSAGES[helper] ?? null) : null;
        return { id: match[2] ?? '', message: message ?? fallback, where: file.slice(ROOT.length + 1) };
      });
    }),
  );

const isContract = (thrown: Thrown): boolean =>
  thrown.message === null ? CONTRACT_IDS_WITH_RUNTIME_MESSAGES.has(thrown.id) : CONTRACT_STRINGS.has(thrown.message);

describe('message catalogues (adapters/i18n/catalogues.ts)', () => {
  const thrown = thrownIds();

  it('finds the thrown ids it checks', () => {
    expect(thrown.length).toBeGreaterThan(40);
    expect(thrown.map((t) => t.id)).toEqual(expect.arrayContaining(['PATIENT_NOT_FOUND', 'ALERT_NOT_FOUND']));
  });

  it('has an en and an es message for every thrown id that is not a contract string', () => {
    const missing = thrown
      .filter((t) => !isContract(t))
      .filter((t) => !(t.id in en) || !(t.id in es))
      .map((t) => `${t.id} (${t.where})`);
    expect([...new Set(missing)]).toEqual([]);
  });

  it('keeps the English wording of the code, so the catalogue never changes what en callers read', () => {
    const differing = thrown
      .filter((t) => t.message !== null && t.id in en && en[t.id] !== t.message)
      .map((t) => `${t.id}: code says "${t.message ?? ''}", en says "${en[t.id] ?? ''}" (${t.where})`);
    expect([...new Set(differing)]).toEqual([]);
  });

  it('leaves contract strings out of both catalogues (they stay English)', () => {
    const translated = thrown.filter((t) => isContract(t) && (t.id in es || t.id in en)).map((t) => t.id);
    expect([...new Set(translated)]).toEqual([]);
  });

  it('gives both languages the same keys', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });
});
