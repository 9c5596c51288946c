/** Connection settings shared by the SES and SNS senders. */
export interface AwsClientOptions {
  readonly region: string;
  /** Endpoint override (a local fake in tests); the regional AWS endpoint when omitted. */
  readonly endpoint?: string;
  /** Static keys; the SDK's default provider chain (environment, instance role) when omitted. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Attempts including the first (SDK standard retry mode); default 3. */
  readonly maxAttempts?: number;
  /** Socket connect timeout, default 3 000 ms. */
  readonly connectionTimeoutMs?: number;
  /** Whole-request timeout per attempt, default 10 000 ms. */
  readonly requestTimeoutMs?: number;
}

/** The client configuration common to both SDK clients. */
export const awsClientConfig = (options: AwsClientOptions) => ({
  region: options.region,
  maxAttempts: options.maxAttempts ?? 3,
  requestHandler: {
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
  },
  ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
  ...(options.credentials === undefined
    ? {}
    : {
        credentials: {
          accessKeyId: options.credentials.accessKeyId,
          secretAccessKey: options.credentials.secretAccessKey,
        },
      }),
});
