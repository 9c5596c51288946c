import fc from 'fast-check';

/**
 * Hostile input for the care routes (QUALITY.md R1): values, JSON bodies kept as raw text (so keys such as
 * `__proto__` reach the server as own keys, which an object literal or JSON.stringify would drop), query strings
 * and path ids.
 */
export const ZERO_ID = '000000000000000000000000';

/** Every body key the care routes read, plus keys that must never reach storage. */
export const BODY_KEYS = [
  'name',
  'phone',
  'email',
  'preferredLanguage',
  'preferredName',
  'timezone',
  'age',
  'notes',
  'avatar',
  'org',
  'caregivers',
  'schedules',
  'caregiverId',
  'patientIds',
  'frequency',
  'intervals',
  'time',
  'isActive',
  'id',
  'patient',
  'nextCallDate',
  'role',
  'content',
  'message',
  'importance',
  'alertType',
  'visibility',
  'createdModel',
  'createdBy',
  'relatedPatient',
  'relatedConversation',
  'relevanceUntil',
  'readBy',
  'alertIds',
  'note',
  'isEmailVerified',
  'lastContactAt',
  // Calls, analyses and the §6.3 administration routes.
  'patientId',
  'callNotes',
  'status',
  'outcome',
  'force',
  'metrics',
  'hoursBack',
  'maxConversations',
  'forceReanalyze',
  'label',
  'pattern',
  'language',
  'category',
  'severity',
  'boundary',
  'description',
  'tags',
  'scope',
  'text',
  'periodStart',
  'periodEnd',
  'requestType',
  'subjectType',
  'subjectId',
  'informationRequested',
  'correctionDetails',
  'externalRequestor',
  'action',
  'reason',
  'approve',
  'consentType',
  'purpose',
  'method',
  'providedVia',
  '__proto__',
  'constructor',
  'prototype',
  '$set',
  '$where',
  'a.b',
  '',
] as const;

const QUERY_KEYS = [
  'page',
  'limit',
  'sortBy',
  'showRead',
  'org',
  'name',
  'email',
  'role',
  'timeRange',
  'patientId',
  'subjectType',
  'subjectId',
  'includeWithdrawn',
  'status',
  'overdue',
  'severity',
  '$where',
  'page[$gt]',
];

/** Values that look almost right to a validator: enums, dates, zones, times, ids of the wrong shape. */
const nearMisses = fc.constantFrom<unknown>(
  'daily',
  'weekly',
  'monthly',
  'hourly',
  'Daily',
  'low',
  'high',
  'critical',
  'urgent',
  'patient',
  'system',
  'conversation',
  'assistant',
  'debug-user',
  'allCaregivers',
  'assignedCaregivers',
  'orgAdmin',
  'Patient',
  'Caregiver',
  'Schedule',
  'Org',
  'America/New_York',
  'Mars/Olympus',
  'Etc/GMT+99',
  '+05:00',
  'UTC',
  '09:00',
  '9:00',
  '24:00',
  '23:60',
  '2026-06-02T00:00:00.000Z',
  '2999-12-31T23:59:59Z',
  '1970-01-01T00:00:00Z',
  '2026-02-30',
  'yesterday',
  '-271821-04-20T00:00:00Z',
  'ko-KR',
  'xx',
  '+16045550199',
  '1234567890',
  'not-a-phone',
  'agnes@@example.org',
  'data:image/png;base64,AAAA',
  'file:///tmp/x.png',
  'javascript:alert(1)',
  'http://' + 'a'.repeat(3000),
  ZERO_ID,
  'ABCDEFABCDEFABCDEFABCDEF',
  'lastCall',
  'lifetime',
  'quarter',
  'access',
  'deletion',
  'caregiver',
  'recording',
  'CRITICAL',
  'Medical',
  'global',
  'note',
  'deny',
  'no_answer',
  'ringing',
  '(a+)+$',
  '[',
  [{ day: 1 }],
  [{ day: 99, weeks: 0 }],
  [{ day: '1' }],
  [{ day: 1, extra: true }],
  [ZERO_ID],
  [ZERO_ID, ZERO_ID],
);

/** A value of the wrong type, size or shape. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nearMisses },
  fc.constantFrom<unknown>(
    { $gt: '' },
    { $ne: null },
    { $where: 'sleep(1000)' },
    { 'a.b': 1 },
    JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
    JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
    null,
    [],
    [[[]]],
    {},
    '',
    ' ',
    '\u0000\uFFFF\uD800',
    '\u202E\u200B🧓🏽👨‍👩‍👧',
    'x'.repeat(20_000),
    1e308,
    -1,
    0,
    1.5,
    2 ** 53 + 1,
    true,
    false,
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);

/** A value of the right kind for some field, often valid for the field it lands on, often almost. */
export const plausibleValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nearMisses },
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: -5, max: 200 }),
  fc.boolean(),
  fc.constant(null),
);

/** A mutation of a valid body: set a key to a value, or drop a key. */
export type BodyEdit = { readonly key: string; readonly value: unknown } | { readonly drop: string };

/**
 * One to three edits, mostly of the keys the valid body already has (so a bad value meets the route's own
 * validation and use-case, not only the unknown-key check).
 */
export const bodyEdits = (values: fc.Arbitrary<unknown>, ownKeys: readonly string[]): fc.Arbitrary<BodyEdit[]> => {
  const anyKey = fc.constantFrom<string>(...BODY_KEYS);
  const key = ownKeys.length === 0 ? anyKey : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ownKeys) }, anyKey);
  return fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.record({ key, value: values }) },
      { weight: 1, arbitrary: fc.record({ drop: key }) },
    ),
    { minLength: 1, maxLength: 3 },
  );
};

/** The raw JSON text of `base` with `edits` applied in order (keys kept even when they are `__proto__`). */
export const editedBodyText = (base: unknown, edits: readonly BodyEdit[]): string => {
  const entries = new Map<string, unknown>(
    base !== null && typeof base === 'object' && !Array.isArray(base) ? Object.entries(base) : [],
  );
  for (const edit of edits) {
    if ('drop' in edit) entries.delete(edit.drop);
    else entries.set(edit.key, edit.value);
  }
  const pairs = [...entries].filter(([, value]) => value !== undefined);
  return `{${pairs.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`;
};

/** Whole bodies that are not a JSON object, or not JSON at all. */
export const wholeBodyText: fc.Arbitrary<string> = fc.oneof(
  hostileValue.map((value) => JSON.stringify(value) ?? 'null'),
  fc.constantFrom(
    '',
    '{',
    '{"name": }',
    '{"name": "x",}',
    "{'name': 'x'}",
    '[]',
    '[{"name":"x"}]',
    'null',
    '"just a string"',
    '{"__proto__": {"polluted": "yes"}}',
    '{"constructor": {"prototype": {"polluted": "yes"}}}',
    '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
    `{"name": "${'x'.repeat(1_100_000)}"}`,
    '\uFEFF{"name": "bom"}',
  ),
);

const queryValue = fc.oneof(
  fc.constantFrom(
    '-1',
    '0',
    '1',
    '1e9',
    '1.5',
    'abc',
    '',
    '9'.repeat(400),
    'NaN',
    'Infinity',
    'name:asc',
    'name:sideways',
    '__proto__:asc',
    'constructor',
    'startTime:desc,createdAt',
    ',,,',
    'true',
    'yes',
    ZERO_ID,
    '%00',
    '%ZZ',
  ),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);

/** A query string (possibly repeating a key) to append with `?`. */
export const queryText: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), queryValue), { maxLength: 4 })
  .map((pairs) => pairs.map(([key, value]) => `${key}=${value}`).join('&'));

/** A path id that is never a stored record's. */
export const hostileId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    ZERO_ID,
    'ffffffffffffffffffffffff',
    'ABCDEFABCDEFABCDEFABCDEF',
    'lastCall',
    'lifetime',
    'quarter',
    'access',
    'deletion',
    'caregiver',
    'recording',
    'CRITICAL',
    'Medical',
    'global',
    'note',
    'deny',
    'no_answer',
    'ringing',
    '(a+)+$',
    '[',
    '../../etc/passwd',
    '$gt',
    '__proto__',
    'constructor',
    'null',
    'undefined',
    ' ',
    'x'.repeat(5000),
    '🧓',
  ),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 30 }),
  fc.string({ minLength: 1, maxLength: 12 }),
);

/** Keys that must never come back from storage (D15: no `$`-prefixed or dotted keys; no prototype keys). */
export const dangerousKeys = (value: unknown, path = ''): string[] => {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const here = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    const bad =
      !Array.isArray(value) && (/^\$|\./.test(key) || ['__proto__', 'constructor', 'prototype'].includes(key));
    return [...(bad ? [here] : []), ...dangerousKeys(inner, here)];
  });
};
