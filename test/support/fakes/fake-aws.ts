import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A protocol-level fake of SES (v1) and SNS as @aws-sdk/client-ses / client-sns 3.1169 speak to them: the AWS
 * query protocol (form-encoded POST to `/`, `Action=SendEmail` / `Action=Publish`), SigV4-signed, answered in
 * XML. It checks the signature against the credentials it knows, records every parsed request, and can be told
 * to answer the next requests with an AWS error document.
 */

export type FakeAwsService = 'ses' | 'sns';

export interface FakeAwsRequest {
  readonly service: FakeAwsService;
  readonly action: string;
  /** The form fields, flattened exactly as sent (`Destination.ToAddresses.member.1`, ...). */
  readonly params: Readonly<Record<string, string>>;
  readonly accessKeyId: string;
  readonly region: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The message id the fake answered with (null when it answered an error). */
  readonly messageId: string | null;
}

export interface FakeAwsFailure {
  readonly status: number;
  readonly code: string;
  /** AWS puts request details here (SES repeats the address); a function sees the parsed form. */
  readonly message: string | ((params: Readonly<Record<string, string>>) => string);
  readonly type?: 'Sender' | 'Receiver';
}

const namespaces: Readonly<Record<FakeAwsService, string>> = {
  ses: 'http://ses.amazonaws.com/doc/2010-12-01/',
  sns: 'http://sns.amazonaws.com/doc/2010-03-31/',
};

const versions: Readonly<Record<FakeAwsService, string>> = { ses: '2010-12-01', sns: '2010-03-31' };

const actions: Readonly<Record<FakeAwsService, string>> = { ses: 'SendEmail', sns: 'Publish' };

const escapeXml = (value: string): string =>
  value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256Hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');

const headerValue = (request: IncomingMessage, name: string): string => {
  const value = request.headers[name];
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.trim().replace(/\s+/g, ' ');
};

export class FakeAws {
  readonly requests: FakeAwsRequest[] = [];
  private readonly failures: FakeAwsFailure[] = [];
  private stickyFailure: FakeAwsFailure | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  private constructor(private readonly secrets: ReadonlyMap<string, string>) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch(() => {
        response.statusCode = 500;
        response.end();
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listens on 127.0.0.1 with a free port; `credentials` are the key pairs whose signatures it accepts. */
  static async start(
    credentials: ReadonlyArray<{ accessKeyId: string; secretAccessKey: string }> = [
      { accessKeyId: 'AKIDFAKEAWS', secretAccessKey: 'fake-aws-secret-key' },
    ],
  ): Promise<FakeAws> {
    const fake = new FakeAws(new Map(credentials.map((c) => [c.accessKeyId, c.secretAccessKey] as const)));
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  get endpoint(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The next `times` signed requests are answered with this AWS error. */
  failNext(failure: FakeAwsFailure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures.push(failure);
  }

  /** Every request is answered with this error until `succeed()`. */
  failAlways(failure: FakeAwsFailure): void {
    this.stickyFailure = failure;
  }

  succeed(): void {
    this.failures.length = 0;
    this.stickyFailure = null;
  }

  reset(): void {
    this.succeed();
    this.requests.length = 0;
  }

  requestsFor(service: FakeAwsService): FakeAwsRequest[] {
    return this.requests.filter((r) => r.service === service);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');

    if (request.method !== 'POST' || (request.url ?? '/').split('?')[0] !== '/') {
      return this.error(response, 'ses', { status: 404, code: 'UnknownOperationException', message: 'Not found' });
    }
    const contentType = headerValue(request, 'content-type');
    if (!contentType.startsWith('application/x-www-form-urlencoded')) {
      return this.error(response, 'ses', {
        status: 400,
        code: 'InvalidParameterValue',
        message: `Query protocol expected, got ${contentType || 'no content type'}`,
      });
    }

    const auth = authorizationPattern.exec(headerValue(request, 'authorization'));
    if (auth === null) {
      return this.error(response, 'ses', {
        status: 403,
        code: 'MissingAuthenticationToken',
        message: 'Request is missing Authentication Token',
      });
    }
    const [, accessKeyId, date, region, serviceName, signedHeaders, signature] = auth as unknown as string[];
    const service: FakeAwsService | null = serviceName === 'ses' || serviceName === 'sns' ? serviceName : null;
    if (service === null) {
      return this.error(response, 'ses', {
        status: 400,
        code: 'InvalidClientTokenId',
        message: `Unknown service ${serviceName}`,
      });
    }
    const secret = this.secrets.get(accessKeyId);
    if (secret === undefined) {
      return this.error(response, service, {
        status: 403,
        code: 'InvalidClientTokenId',
        message: 'The security token included in the request is invalid.',
      });
    }
    const expected = this.sign(request, raw, secret, date, region, service, signedHeaders);
    if (expected !== signature) {
      return this.error(response, service, {
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match the signature you provided.',
      });
    }

    const params: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(raw)) params[key] = value;
    const action = params['Action'] ?? '';
    if (action !== actions[service] || params['Version'] !== versions[service]) {
      return this.error(response, service, {
        status: 400,
        code: 'InvalidAction',
        message: `The action ${action} is not valid for this web service.`,
      });
    }

    const failure = this.failures.shift() ?? this.stickyFailure;
    const messageId = failure === null ? this.newMessageId(service) : null;
    this.requests.push({
      service,
      action,
      params,
      accessKeyId: accessKeyId,
      region: region,
      headers: request.headers,
      messageId,
    });
    if (failure !== null) return this.error(response, service, failure, params);

    const result = service === 'ses' ? 'SendEmail' : 'Publish';
    this.xml(
      response,
      200,
      `<${result}Response xmlns="${namespaces[service]}">` +
        `<${result}Result><MessageId>${escapeXml(messageId!)}</MessageId></${result}Result>` +
        `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
        `</${result}Response>`,
    );
  }

  /** SigV4 as the SDK computes it for a query-protocol POST (no query string, body hash signed). */
  private sign(
    request: IncomingMessage,
    body: string,
    secret: string,
    date: string,
    region: string,
    service: string,
    signedHeaders: string,
  ): string {
    const names = signedHeaders.split(';');
    const canonicalHeaders = names.map((name) => `${name}:${headerValue(request, name)}\n`).join('');
    const payloadHash = headerValue(request, 'x-amz-content-sha256') || sha256Hex(body);
    if (payloadHash !== sha256Hex(body)) return 'payload-hash-mismatch';
    const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, payloadHash].join('\n');
    const scope = `${date}/${region}/${service}/aws4_request`;
    const stringToSign = [
      'AWS4-HMAC-SHA256',
      headerValue(request, 'x-amz-date'),
      scope,
      sha256Hex(canonicalRequest),
    ].join('\n');
    const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
    return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  }

  private newMessageId(service: FakeAwsService): string {
    const hex = randomBytes(16).toString('hex');
    return service === 'ses'
      ? `0100${hex.slice(0, 12)}-${hex.slice(12, 20)}-${hex.slice(20, 24)}-${hex.slice(24, 28)}-${hex.slice(28)}-000000`
      : randomUUID();
  }

  private error(
    response: ServerResponse,
    service: FakeAwsService,
    failure: FakeAwsFailure,
    params: Readonly<Record<string, string>> = {},
  ): void {
    const message = typeof failure.message === 'function' ? failure.message(params) : failure.message;
    this.xml(
      response,
      failure.status,
      `<ErrorResponse xmlns="${namespaces[service]}">` +
        `<Error><Type>${failure.type ?? (failure.status >= 500 ? 'Receiver' : 'Sender')}</Type>` +
        `<Code>${escapeXml(failure.code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
        `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
    );
  }

  private xml(response: ServerResponse, status: number, body: string): void {
    response.statusCode = status;
    response.setHeader('content-type', 'text/xml');
    response.setHeader('x-amzn-requestid', randomUUID());
    response.end(body);
  }
}
