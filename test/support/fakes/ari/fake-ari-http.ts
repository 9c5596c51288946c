import type { IncomingMessage, ServerResponse } from 'node:http';
import { ARI_RESOURCES, apiDeclaration, matchRoute, resourceListing } from './ari-swagger';
import { AriHttpError } from './fake-ari-model';
import {
  OPERATIONS,
  type OperationContext,
  type OperationParams,
  type OperationVariables,
} from './fake-ari-operations';

/** A scripted answer for the next requests of one operation (`channels.originate`, `bridges.create`, ...). */
export interface OperationOverride {
  /** Answer this status with `{"message": message}` instead of performing the operation. */
  readonly status?: number;
  readonly message?: string;
  /** Wait this long first (then perform the operation, or answer `status`). */
  readonly delayMs?: number;
  /** Perform the operation at once but answer only after this long (the client may time out meanwhile). */
  readonly respondAfterMs?: number;
  /** Never answer (until the fake stops): a request timeout. */
  readonly hang?: boolean;
  /** How many requests it applies to (default: all until cleared). */
  readonly times?: number;
  /** Only requests whose parameters match (default: every request of the operation). */
  readonly when?: (params: OperationParams) => boolean;
}

export interface LoggedOperation {
  readonly operation: string;
  readonly params: OperationParams;
  readonly variables: OperationVariables;
  /** The status answered (0: never answered). */
  readonly status: number;
}

/**
 * The fake's HTTP side: Basic auth on every route, the swagger documents (or a scripted failure of them), and the
 * REST operations with per-operation overrides; every request is logged for assertions.
 */
export class FakeAriHttp {
  readonly operations: LoggedOperation[] = [];
  /** Responses held open by a `hang` override, ended when the fake goes away. */
  readonly hanging = new Set<ServerResponse>();
  apiDocsStatus: number | null = null;
  private readonly overrides = new Map<string, OperationOverride & { left: number }>();

  constructor(
    private readonly credentials: { readonly username: string; readonly password: string },
    private readonly baseUrl: () => string,
    private readonly context: () => OperationContext,
  ) {}

  override(operation: string, override: OperationOverride): void {
    this.overrides.set(operation, { ...override, left: override.times ?? Number.POSITIVE_INFINITY });
  }

  clearOverrides(): void {
    this.overrides.clear();
  }

  private authorised(request: IncomingMessage): boolean {
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    return decoded === `${this.credentials.username}:${this.credentials.password}`;
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const send = (status: number, body?: unknown): void => {
      if (response.destroyed || response.writableEnded) return;
      if (body === undefined) {
        response.writeHead(status).end();
      } else {
        response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      }
    };
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://fake');
    if (!this.authorised(request)) return send(401, { message: 'Authentication required' });

    const docs = /^\/ari\/api-docs\/([a-z]+)\.json$/.exec(url.pathname);
    if (docs !== null) {
      if (this.apiDocsStatus !== null) return send(this.apiDocsStatus, { message: 'Service Unavailable' });
      const basePath = `${this.baseUrl()}/ari`;
      if (docs[1] === 'resources') return send(200, resourceListing(basePath));
      const resource = ARI_RESOURCES.find((r) => r === docs[1]);
      return resource === undefined
        ? send(404, { message: 'Not found' })
        : send(200, apiDeclaration(resource, basePath));
    }

    const route = url.pathname.startsWith('/ari/') ? matchRoute(request.method ?? 'GET', url.pathname.slice(4)) : null;
    if (route === null) return send(404, { message: 'Resource not found' });
    const name = `${route.operation.resource}.${route.operation.nickname}`;
    const params: Record<string, string> = { ...route.pathParams };
    for (const [key, value] of url.searchParams) params[key] = value;
    const body = Buffer.concat(chunks).toString('utf8');
    const variables =
      body.trim() === '' ? {} : ((JSON.parse(body) as { variables?: OperationVariables }).variables ?? {});
    const log = (status: number): void => {
      this.operations.push({ operation: name, params, variables, status });
    };

    const candidate = this.overrides.get(name);
    const override = candidate?.when === undefined || candidate.when(params) ? candidate : undefined;
    if (override !== undefined) {
      override.left -= 1;
      if (override.left <= 0) this.overrides.delete(name);
      if (override.hang === true) {
        this.hanging.add(response);
        return log(0);
      }
      if (override.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, override.delayMs));
      if (override.status !== undefined) {
        log(override.status);
        return send(override.status, { message: override.message ?? 'Internal Server Error' });
      }
    }
    try {
      const result = await OPERATIONS[name](this.context(), params, variables);
      log(result.status);
      const late = override?.respondAfterMs;
      if (late !== undefined) await new Promise((resolve) => setTimeout(resolve, late));
      send(result.status, result.body);
    } catch (error) {
      const status = error instanceof AriHttpError ? error.status : 500;
      log(status);
      send(status, { message: error instanceof AriHttpError ? error.message : 'Internal Server Error' });
    }
  }
}
