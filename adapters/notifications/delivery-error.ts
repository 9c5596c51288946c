import { DomainError } from '../../domain/shared/errors';

export type NotificationProvider = 'SES' | 'SNS';

/**
 * A provider refused or could not be reached. The message names the provider and its error code only: the
 * provider's own text is dropped (SES, for one, repeats the recipient address in it), and so is the SDK error.
 */
export class NotificationDeliveryError extends DomainError {
  constructor(
    id: 'EMAIL_DELIVERY_FAILED' | 'SMS_DELIVERY_FAILED',
    message: string,
    readonly provider: NotificationProvider,
    /** The provider's error code (`MessageRejected`, `Throttling`) or a network code (`ECONNREFUSED`). */
    readonly providerCode: string,
    readonly httpStatus: number | null,
    /** True when sending again later may succeed (throttling, 5xx, network). */
    readonly retryable: boolean,
  ) {
    super(id, 'upstream-failed', message);
    this.name = 'NotificationDeliveryError';
  }
}

const safeCode = /^[A-Za-z][\w.-]{0,63}$/;
const retryableCodes = new Set([
  'Throttling',
  'ThrottlingException',
  'Throttled',
  'ThrottledException',
  'RequestThrottled',
  'TooManyRequestsException',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalError',
  'TimeoutError',
]);

interface SdkErrorShape {
  name?: unknown;
  /** The wire error code of query-protocol errors (the SDK's `name` is the modelled shape name). */
  Code?: unknown;
  message?: unknown;
  code?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

const networkCodes =
  /\b(ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH|ENETUNREACH|EPROTO)\b/;

const codeOf = (value: unknown): string | null => (typeof value === 'string' && safeCode.test(value) ? value : null);

/**
 * A system error code (`ECONNREFUSED`) from `code`, or from the message when the SDK wrapped an error it did
 * not recognise ("AWS SDK error wrapper for Error: connect ECONNREFUSED ..."); only the code token is kept.
 */
const networkCodeOf = (shape: SdkErrorShape): string | null => {
  const direct = codeOf(shape.code);
  if (direct !== null) return direct;
  if (typeof shape.message !== 'string') return null;
  return networkCodes.exec(shape.message)?.[1] ?? null;
};

/** Maps whatever the SDK threw to a NotificationDeliveryError that is safe to log and to show. */
export const toDeliveryError = (provider: NotificationProvider, error: unknown): NotificationDeliveryError => {
  const id = provider === 'SES' ? 'EMAIL_DELIVERY_FAILED' : 'SMS_DELIVERY_FAILED';
  const what = provider === 'SES' ? 'The e-mail could not be sent' : 'The SMS could not be sent';
  const shape: SdkErrorShape = error !== null && typeof error === 'object' ? error : {};
  const status = shape.$metadata?.httpStatusCode;
  const httpStatus = typeof status === 'number' ? status : null;
  const networkCode = networkCodeOf(shape);
  const name = codeOf(shape.name);

  if (httpStatus !== null) {
    const code = codeOf(shape.Code) ?? (name !== null && name !== 'Error' ? name : 'UnknownError');
    const retryable =
      httpStatus >= 500 || httpStatus === 429 || retryableCodes.has(code) || shape.$retryable !== undefined;
    return new NotificationDeliveryError(
      id,
      `${what}: ${provider} refused the request (${code}, HTTP ${httpStatus})`,
      provider,
      code,
      httpStatus,
      retryable,
    );
  }
  const code = networkCode ?? (name !== null && name !== 'Error' ? name : 'NetworkError');
  return new NotificationDeliveryError(
    id,
    `${what}: ${provider} was unreachable (${code})`,
    provider,
    code,
    null,
    true,
  );
};

/** A 2xx answer without a message id is treated as a failure: the caller cannot prove the send. */
export const missingMessageId = (provider: NotificationProvider): NotificationDeliveryError =>
  new NotificationDeliveryError(
    provider === 'SES' ? 'EMAIL_DELIVERY_FAILED' : 'SMS_DELIVERY_FAILED',
    `${provider === 'SES' ? 'The e-mail' : 'The SMS'} could not be confirmed: ${provider} returned no message id`,
    provider,
    'MissingMessageId',
    null,
    false,
  );
