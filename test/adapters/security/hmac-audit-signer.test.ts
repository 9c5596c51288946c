import { createHmac } from 'node:crypto';
import { HmacAuditSigner } from '../../../adapters/security/hmac-audit-signer';

const KEY = 'audit-key-0123456789abcdef0123456789';
const OLD_KEY = 'older-audit-key-0123456789abcdef0123';
const HASH = 'a'.repeat(64);

describe('HmacAuditSigner', () => {
  it('signs base64url(HMAC-SHA256(key, hash)) under the key id', () => {
    const signer = new HmacAuditSigner(KEY);
    const expected = createHmac('sha256', KEY).update(HASH).digest('base64url');
    expect(signer.sign(HASH)).toEqual({ signature: expected, keyId: signer.keyId });
    expect(signer.verify(HASH, expected, signer.keyId)).toBe(true);
  });

  it('derives a stable key id that reveals nothing of the key, or takes the configured one', () => {
    const a = new HmacAuditSigner(KEY);
    expect(a.keyId).toMatch(/^hmac-[0-9a-f]{16}$/);
    expect(new HmacAuditSigner(KEY).keyId).toBe(a.keyId);
    expect(new HmacAuditSigner(OLD_KEY).keyId).not.toBe(a.keyId);
    expect(a.keyId).not.toContain(KEY.slice(0, 8));
    expect(new HmacAuditSigner({ secret: KEY, id: '2026-06' }).keyId).toBe('2026-06');
  });

  it('rejects another hash, an edited or re-encoded signature, another key and an unknown key id', () => {
    const signer = new HmacAuditSigner(KEY);
    const { signature, keyId } = signer.sign(HASH);
    expect(signer.verify('b'.repeat(64), signature, keyId)).toBe(false);
    expect(signer.verify(HASH, `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`, keyId)).toBe(false);
    expect(signer.verify(HASH, `${signature}=`, keyId)).toBe(false);
    expect(signer.verify(HASH, Buffer.from(signature, 'base64url').toString('base64'), keyId)).toBe(false);
    expect(signer.verify(HASH, signature, 'unknown')).toBe(false);
    expect(new HmacAuditSigner(OLD_KEY).verify(HASH, signature, keyId)).toBe(false);
    expect(signer.verify(HASH, '', keyId)).toBe(false);
  });

  it('keeps verifying entries of a retired key after a rotation, and signs with the new one', () => {
    const before = new HmacAuditSigner(OLD_KEY);
    const old = before.sign(HASH);
    const after = new HmacAuditSigner(KEY, [{ secret: OLD_KEY }]);
    expect(after.verify(HASH, old.signature, old.keyId)).toBe(true);
    expect(after.sign(HASH).keyId).toBe(new HmacAuditSigner(KEY).keyId);
    expect(after.sign(HASH).keyId).not.toBe(old.keyId);
  });

  it('refuses short keys, bad key ids and two keys under one id', () => {
    expect(() => new HmacAuditSigner('short')).toThrow('at least 32 characters');
    expect(() => new HmacAuditSigner({ secret: KEY, id: 'has space' })).toThrow('key id');
    expect(() => new HmacAuditSigner({ secret: KEY, id: 'same' }, [{ secret: OLD_KEY, id: 'same' }])).toThrow(
      'share the id',
    );
  });
});
