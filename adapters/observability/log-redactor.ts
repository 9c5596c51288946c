/**
 * Keeps secrets and PHI out of the logs (RESOLUTIONS.md 20, QUALITY.md S5). Two nets: keys that hold such
 * values are censored at any depth whatever their value, and strings anywhere (messages, error stacks,
 * free-form fields) are scrubbed of e-mail addresses, phone numbers, JWTs, bearer tokens and API keys.
 */
export const CENSORED = '[REDACTED]';

const sensitiveKeys = [
  // secrets and credentials
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'newpassword',
  'currentpassword',
  'oldpassword',
  'passwordhash',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'id_token',
  'access_token',
  'refresh_token',
  'secret',
  'clientsecret',
  'apikey',
  'api_key',
  'x-api-key',
  'totp',
  'totpsecret',
  'mfasecret',
  'otp',
  'code',
  'backupcodes',
  'backupcode',
  'otpauthurl',
  'qrcode',
  'signature',
  'stripe-signature',
  'privatekey',
  // identity and contact details
  'name',
  'firstname',
  'lastname',
  'fullname',
  'preferredname',
  'patientname',
  'caregivername',
  'email',
  'emails',
  'phone',
  'phonenumber',
  'mobile',
  'to',
  'from',
  'dateofbirth',
  'dob',
  'birthdate',
  'birthday',
  'address',
  'street',
  'city',
  'postalcode',
  'zip',
  'zipcode',
  'ssn',
  // clinical and conversational content
  'text',
  'transcript',
  'utterance',
  'content',
  'summary',
  'notes',
  'note',
  'messages',
  'body',
  'instructions',
  'medicalhistory',
  'diagnosis',
  'medications',
];
const sensitiveKeySet = new Set(sensitiveKeys);

const valuePatterns: ReadonlyArray<readonly [RegExp, string]> = [
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, '[JWT]'],
  [/\bBearer\s+[\w.~+/=-]+/gi, 'Bearer [REDACTED]'],
  [/\b(?:sk|rk|pk|whsec)_(?:live|test)_[\w]+/g, '[API_KEY]'],
  [/\bsk-[\w-]{16,}/g, '[API_KEY]'],
  [/[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g, '[EMAIL]'],
  [/(?<![\w+/-])\+?\d(?:[\s().-]{0,2}\d){9,14}(?![\w-])/g, '[PHONE]'],
];

export const redactString = (value: string): string =>
  valuePatterns.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), value);

export const isSensitiveKey = (key: string): boolean => sensitiveKeySet.has(key.toLowerCase());

const MAX_DEPTH = 8;

/** Returns a redacted deep copy, safe to serialise: cycles and excessive depth are cut. */
export const redactValue = (value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown => {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  if (value instanceof Error) return redactError(value, depth, seen);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  if (Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = isSensitiveKey(key) ? CENSORED : redactValue(inner, depth + 1, seen);
  }
  return copy;
};

const redactError = (error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> => {
  const out: Record<string, unknown> = {
    type: error.name,
    message: redactString(error.message),
    stack: error.stack === undefined ? undefined : redactString(error.stack),
  };
  const withId = error as Error & { id?: unknown; kind?: unknown; code?: unknown };
  if (typeof withId.id === 'string') out['errorId'] = withId.id;
  if (typeof withId.kind === 'string') out['kind'] = withId.kind;
  if (typeof withId.code === 'string' || typeof withId.code === 'number') out['errorCode'] = withId.code;
  if (error.cause !== undefined) out['cause'] = redactValue(error.cause, depth + 1, seen);
  return out;
};
