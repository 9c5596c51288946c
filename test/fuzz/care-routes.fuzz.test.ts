import fc from 'fast-check';
import { CARE_MATRIX, pathOf, routeKey, type MatrixRow } from '../e2e/care/care-route-matrix';
import {
  bodyEdits,
  plausibleValue,
  type BodyEdit,
  dangerousKeys,
  editedBodyText,
  hostileId,
  hostileValue,
  queryText,
  wholeBodyText,
} from '../support/care-world-fuzz';
import { buildCareWorld, startCareApp, type CareApp, type CareWorld } from '../support/care-world';

/**
 * QUALITY.md R1 for the patient-care routes (every route of the authorization matrix): wrong types, huge and
 * unicode strings, nested objects, prototype-pollution and operator keys, invalid ids, enums, dates and zones,
 * empty and non-object bodies, bad pagination. Never a 5xx, every refusal a `{code, message}` envelope, no
 * refused write changes stored data, and no `$`/dotted/prototype key ever comes back from storage.
 * Replay a failure with FUZZ_SEED=<seed> (the seed is in the suite's name and in fast-check's report).
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20260601);
// About twelve draws per route (the route is drawn uniformly), so "reached every route" holds for any seed.
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 900);

/** The first (main) row of each route: the fuzzer varies the input itself. */
const ROUTES: readonly MatrixRow[] = CARE_MATRIX.filter(
  (row, index) => CARE_MATRIX.findIndex((other) => routeKey(other) === routeKey(row)) === index,
);

const parseJson = (text: string): unknown => {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return `not JSON: ${text.slice(0, 100)}`;
  }
};

type Caller = 'orgAdmin' | 'staffAssigned' | 'superAdmin' | 'none' | 'forged';
/** Mostly callers who pass authentication, so the input reaches validation and the use-cases. */
const CALLERS: readonly Caller[] = [
  ...Array<Caller>(6).fill('orgAdmin'),
  'staffAssigned',
  'staffAssigned',
  'superAdmin',
  'superAdmin',
  'none',
  'forged',
];

interface FuzzRequest {
  readonly route: MatrixRow;
  readonly ids: readonly string[];
  readonly body: { readonly kind: 'none' } | { readonly kind: 'json'; readonly text: string } | MultipartBody;
  readonly query: string;
  readonly caller: Caller;
  readonly contentType: string | null;
}

interface MultipartBody {
  readonly kind: 'multipart';
  readonly field: string;
  readonly bytes: Uint8Array;
}

describe(`R1: bad input on every care route (fast-check seed ${SEED})`, () => {
  let t: CareApp;
  let w: CareWorld;
  let snapshotPaths: Array<[string, string]>;

  beforeAll(async () => {
    t = await startCareApp();
    w = await buildCareWorld(t);
    const a = w.targets.orgA;
    snapshotPaths = [
      [`/v1/patients/${a.patientId}`, w.tokens.orgAdmin],
      [`/v1/patients/${a.patientId}/caregivers`, w.tokens.orgAdmin],
      [`/v1/patients?limit=100`, w.tokens.orgAdmin],
      [`/v1/schedules/${a.scheduleId}`, w.tokens.orgAdmin],
      [`/v1/conversations/${a.conversationId}`, w.tokens.orgAdmin],
      [`/v1/alerts/${a.alertId}`, w.tokens.orgAdmin],
      [`/v1/patients/${w.targets.orgB.patientId}`, w.tokens.superAdmin],
      [`/v1/medical-analysis/baseline/${a.patientId}`, w.tokens.orgAdmin],
      [`/v1/emergency-phrases/${a.phraseId}`, w.tokens.orgAdmin],
      [`/v1/reports/${a.reportId}`, w.tokens.orgAdmin],
      [`/v1/privacy/requests/${a.privacyRequestId}`, w.tokens.orgAdmin],
      [`/v1/privacy/consents?subjectType=patient&subjectId=${a.patientId}&includeWithdrawn=true`, w.tokens.orgAdmin],
    ];
  }, 60_000);
  afterAll(async () => {
    await t.stop();
  });

  /** What the stored records look like now, as their readers see them. */
  const snapshot = async (): Promise<string> =>
    JSON.stringify(
      await Promise.all(
        snapshotPaths.map(async ([path, token]) => {
          const res = await t.send('GET', path, undefined, token);
          return [path, res.status, res.body];
        }),
      ),
    );

  const requests = (): fc.Arbitrary<FuzzRequest> => {
    const a = w.targets.orgA;
    const b = w.targets.orgB;
    const realIds = [
      a.patientId,
      a.scheduleId,
      a.conversationId,
      a.alertId,
      a.caregiverId,
      a.orgId,
      b.patientId,
      a.phraseId,
      a.reportId,
      a.privacyRequestId,
      a.consentId,
      a.callId,
    ];
    // Real ids make the fuzzer reach the use-cases; deletes only ever get ids of nothing, so data stays to compare.
    const idFor = (route: MatrixRow) =>
      route.method === 'DELETE'
        ? hostileId
        : fc.oneof({ weight: 3, arbitrary: fc.constant('') }, fc.constantFrom(...realIds), hostileId);
    const bodyFor = (route: MatrixRow): fc.Arbitrary<FuzzRequest['body']> => {
      if (route.method === 'GET') return fc.constant({ kind: 'none' as const });
      const base = route.body?.({ t: a, w, role: 'orgAdmin' }) ?? {};
      const ownKeys = Object.keys(base);
      const json = (edits: fc.Arbitrary<BodyEdit[]>) =>
        edits.map((list): FuzzRequest['body'] => ({ kind: 'json', text: editedBodyText(base, list) }));
      const options: Array<fc.WeightedArbitrary<FuzzRequest['body']>> = [
        // One plausible value on one of the body's own keys: passes validation often, and reaches the use-case.
        {
          weight: 4,
          arbitrary: json(
            ownKeys.length === 0
              ? bodyEdits(plausibleValue, [])
              : fc.tuple(fc.constantFrom(...ownKeys), plausibleValue).map(([key, value]) => [{ key, value }]),
          ),
        },
        { weight: 4, arbitrary: json(bodyEdits(hostileValue, ownKeys)) },
        { weight: 2, arbitrary: wholeBodyText.map((text) => ({ kind: 'json' as const, text })) },
        { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
        // The valid body itself, so accepted writes are checked too.
        { weight: 1, arbitrary: json(fc.constant([])) },
      ];
      if (route.upload === true) {
        const part = fc.record({
          kind: fc.constant('multipart' as const),
          field: fc.constantFrom('avatar', 'avatar', 'file', '__proto__', ''),
          bytes: fc.uint8Array({ maxLength: 64 }),
        });
        options.push({ weight: 4, arbitrary: part });
      }
      return fc.oneof(...options);
    };
    return fc.constantFrom(...ROUTES).chain((route) =>
      fc.record({
        route: fc.constant(route),
        ids: fc.array(idFor(route), { minLength: 4, maxLength: 4 }),
        body: bodyFor(route),
        query: fc.oneof(fc.constant(''), queryText),
        caller: fc.constantFrom<Caller>(...CALLERS),
        // null: fetch labels a string body text/plain.
        contentType: fc.oneof(
          { weight: 8, arbitrary: fc.constant('application/json') },
          fc.constantFrom('text/plain', 'application/json; charset=latin1', 'application/x-www-form-urlencoded', null),
        ),
      }),
    );
  };

  /** The path of the request: its route's real targets, each placeholder replaced by a drawn id unless empty. */
  const pathFor = (req: FuzzRequest): string => {
    let index = 0;
    const filled = req.route.path.replace(/\{[A-Za-z]+\}/g, (placeholder) => {
      const id = req.ids[index] ?? '';
      index += 1;
      if (id !== '') return encodeURIComponent(id);
      return pathOf({ ...req.route, path: placeholder, query: undefined }, w.targets.orgA, w);
    });
    const query = [req.route.query?.(w.targets.orgA, w), req.query].filter((q) => q !== undefined && q !== '');
    return query.length === 0 ? filled : `${filled}?${query.join('&')}`;
  };

  const send = async (req: FuzzRequest) => {
    const token =
      req.caller === 'none' ? undefined : req.caller === 'forged' ? `${w.tokens.orgAdmin}x` : w.tokens[req.caller];
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
    let body: string | FormData | undefined;
    if (req.body.kind === 'json') {
      body = req.body.text;
      if (req.contentType !== null) headers['content-type'] = req.contentType;
    } else if (req.body.kind === 'multipart') {
      const form = new FormData();
      form.append(req.body.field, new Blob([req.body.bytes], { type: 'image/jpeg' }), 'avatar.jpg');
      body = form;
    }
    const res = await fetch(`${t.app.url}${pathFor(req)}`, { method: req.route.method, headers, body });
    return { status: res.status, text: await res.text() };
  };

  const hits = new Map<string, number>();

  it('never answers 5xx, always {code, message}, and keeps stored data when it refuses a write', async () => {
    let before = await snapshot();
    await fc.assert(
      fc.asyncProperty(requests(), async (req) => {
        hits.set(routeKey(req.route), (hits.get(routeKey(req.route)) ?? 0) + 1);
        const { status, text } = await send(req);
        const what = `${req.route.method} ${pathFor(req).slice(0, 300)} as ${req.caller}`;
        const parsed = parseJson(text);
        const envelope = parsed as { code?: unknown; message?: unknown } | null;
        const problems = [
          ...(status >= 500 ? [`${status}: ${text.slice(0, 300)}`] : []),
          ...(status >= 400 && (envelope?.code !== status || typeof envelope.message !== 'string')
            ? [`no {code, message}: ${text.slice(0, 200)}`]
            : []),
          ...(status < 300 ? dangerousKeys(parsed).map((key) => `answer holds key ${key}`) : []),
        ];
        if (req.route.method !== 'GET') {
          const after = await snapshot();
          if (status >= 300 && after !== before) problems.push('a refused write changed stored data');
          if (status < 300) problems.push(...dangerousKeys(JSON.parse(after)).map((key) => `stored key ${key}`));
          before = after;
        }
        expect({ what, problems }).toEqual({ what, problems: [] });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 480_000);

  it('reached every route, and nothing polluted the prototypes of this process (the server runs in it)', () => {
    expect(ROUTES.filter((route) => (hits.get(routeKey(route)) ?? 0) === 0).map(routeKey)).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
