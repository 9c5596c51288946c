import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { AuditSigner } from '../../application/ports/audit-signer';

const MIN_KEY_LENGTH = 32;
const KEY_ID = /^[A-Za-z0-9_:.-]{1,64}$/;

export interface HmacAuditKey {
  /** The secret (`AUDIT_SIGNING_KEY`), at least 32 characters. */
  readonly secret: string;
  /** Stored in every entry; default: a fingerprint of the secret (`hmac-` + 16 hex), stable across restarts. */
  readonly id?: string;
}

/**
 * `signature = base64url(HMAC-SHA256(key, hash))` over the hex hash (DOMAIN.md §11.3). Entries name the key id, so
 * a rotation adds a key: pass the retired keys as `retired` and old entries still verify. The default key id is
 * `HMAC-SHA256(secret, "bianca-audit-key-id")` cut to 16 hex characters: the same key always gets the same id and
 * the id reveals nothing of the key.
 */
export class HmacAuditSigner implements AuditSigner {
  readonly keyId: string;
  private readonly keys = new Map<string, KeyObject>();

  constructor(current: string | HmacAuditKey, retired: readonly HmacAuditKey[] = []) {
    const key = typeof current === 'string' ? { secret: current } : current;
    this.keyId = this.add(key);
    for (const old of retired) this.add(old);
  }

  static fingerprint(secret: string): string {
    return `hmac-${createHmac('sha256', secret).update('bianca-audit-key-id', 'utf8').digest('hex').slice(0, 16)}`;
  }

  sign(hash: string): { readonly signature: string; readonly keyId: string } {
    const key = this.keys.get(this.keyId);
    if (key === undefined) throw new TypeError('the current audit key is missing');
    return { signature: this.mac(key, hash), keyId: this.keyId };
  }

  verify(hash: string, signature: string, keyId: string): boolean {
    const key = this.keys.get(keyId);
    if (key === undefined || typeof hash !== 'string' || typeof signature !== 'string') return false;
    // Compare the encoded text, not decoded bytes: a re-encoded or padded signature is an edit too.
    const expected = Buffer.from(this.mac(key, hash), 'utf8');
    const actual = Buffer.from(signature, 'utf8');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  private add(key: HmacAuditKey): string {
    if (typeof key.secret !== 'string' || key.secret.length < MIN_KEY_LENGTH)
      throw new TypeError(`The audit signing key must be at least ${MIN_KEY_LENGTH} characters`);
    const id = key.id ?? HmacAuditSigner.fingerprint(key.secret);
    if (!KEY_ID.test(id)) throw new TypeError('An audit key id is 1-64 letters, digits or _ : . -');
    // A KeyObject spares re-encoding the secret on every signature.
    const secret = createSecretKey(Buffer.from(key.secret, 'utf8'));
    const known = this.keys.get(id);
    if (known !== undefined && !known.equals(secret)) throw new TypeError(`Two audit keys share the id ${id}`);
    this.keys.set(id, secret);
    return id;
  }

  private mac(key: KeyObject, hash: string): string {
    return createHmac('sha256', key).update(hash, 'utf8').digest('base64url');
  }
}
