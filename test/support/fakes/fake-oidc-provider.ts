import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  base64url,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';

/**
 * A fake OpenID provider on a real socket: it serves a JWKS (one RS256 and one ES256 key, generated at start)
 * and signs ID tokens with them, or deliberately wrong ones (a key it never published, an unknown kid,
 * `alg: none`, HS256 keyed with the public key), so a verifier is tested the way it runs.
 */

export interface IssueOptions {
  /** Which published key signs (default RS256). */
  readonly alg?: 'RS256' | 'ES256';
  /** Sign with a fresh key that is not in the JWKS, under the published kid. */
  readonly foreignKey?: boolean;
  /** Header kid override (e.g. one the JWKS does not have). */
  readonly kid?: string;
  /** `none`: unsigned token; `HS256-public-key`: HMAC keyed with the published RSA key's PEM. */
  readonly forge?: 'none' | 'HS256-public-key';
  /** The reference time for iat/exp/nbf (default: now). */
  readonly now?: Date;
  /** exp = now + this (default 3600; negative for an expired token). */
  readonly expiresInSeconds?: number;
  /** Sets nbf = now + this. */
  readonly notBeforeInSeconds?: number;
  readonly audience?: string | string[];
  readonly issuer?: string;
}

export interface FakeOidcProviderOptions {
  /** Default `iss` of issued tokens. */
  readonly issuer?: string;
  /** Default `aud` of issued tokens. */
  readonly audience?: string;
}

interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly jwk: JWK;
}

const makeKey = async (alg: 'RS256' | 'ES256', kid: string): Promise<SigningKey> => {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicKey, jwk };
};

const encodeSegment = (value: object): string => base64url.encode(JSON.stringify(value));

export class FakeOidcProvider {
  /** How many times the JWKS was downloaded. */
  jwksRequests = 0;
  /** Delay before the JWKS answer (to exercise a verifier's timeout). */
  jwksDelayMs = 0;
  private readonly sockets = new Set<Socket>();
  private readonly pending = new Set<NodeJS.Timeout>();

  private readonly server: Server;

  private constructor(
    private readonly keys: Readonly<Record<'RS256' | 'ES256', SigningKey>>,
    private readonly defaults: FakeOidcProviderOptions,
  ) {
    this.server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url !== '/certs') {
        response.statusCode = 404;
        response.end();
        return;
      }
      this.jwksRequests += 1;
      const body = JSON.stringify({ keys: [keys.RS256.jwk, keys.ES256.jwk] });
      const answer = (): void => {
        response.setHeader('content-type', 'application/json');
        response.setHeader('cache-control', 'public, max-age=3600');
        response.end(body);
      };
      if (this.jwksDelayMs > 0) this.later(answer, this.jwksDelayMs);
      else answer();
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(options: FakeOidcProviderOptions = {}): Promise<FakeOidcProvider> {
    const keys = { RS256: await makeKey('RS256', 'rsa-key-1'), ES256: await makeKey('ES256', 'ec-key-1') };
    const provider = new FakeOidcProvider(keys, options);
    await new Promise<void>((resolve, reject) => {
      provider.server.once('error', reject);
      provider.server.listen(0, '127.0.0.1', () => resolve());
    });
    return provider;
  }

  get jwksUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/certs`;
  }

  /** The published RSA key as PEM (what an attacker could fetch). */
  publicKeyPem(): Promise<string> {
    return exportSPKI(this.keys.RS256.publicKey);
  }

  /** Signs `claims` as an ID token; iss/aud/iat/exp are filled in unless given in `claims`. */
  async issueIdToken(claims: JWTPayload, options: IssueOptions = {}): Promise<string> {
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    const payload: JWTPayload = {
      iat: now,
      exp: now + (options.expiresInSeconds ?? 3600),
      ...(options.notBeforeInSeconds === undefined ? {} : { nbf: now + options.notBeforeInSeconds }),
      ...((options.issuer ?? this.defaults.issuer) ? { iss: options.issuer ?? this.defaults.issuer } : {}),
      ...((options.audience ?? this.defaults.audience) ? { aud: options.audience ?? this.defaults.audience } : {}),
      ...claims,
    };
    const key = this.keys[options.alg ?? 'RS256'];
    const kid = options.kid ?? key.kid;

    if (options.forge === 'none') {
      return `${encodeSegment({ alg: 'none', typ: 'JWT', kid })}.${encodeSegment(payload)}.`;
    }
    if (options.forge === 'HS256-public-key') {
      const secret = new TextEncoder().encode(await this.publicKeyPem());
      return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid }).sign(secret);
    }
    const signingKey = options.foreignKey === true ? (await makeKey(key.alg, kid)).privateKey : key.privateKey;
    return new SignJWT(payload).setProtectedHeader({ alg: key.alg, typ: 'JWT', kid }).sign(signingKey);
  }

  private later(action: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      action();
    }, ms);
    this.pending.add(timer);
  }

  async close(): Promise<void> {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
