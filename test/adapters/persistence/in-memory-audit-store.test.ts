import { InMemoryAuditStore } from '../../../adapters/persistence/memory/in-memory-audit-store';
import { MemoryDatabase } from '../../../adapters/persistence/memory/memory-database';
import { auditStoreContract, sealedChain } from './audit-store.contract';

describe('InMemoryAuditStore', () => {
  auditStoreContract({ open: () => Promise.resolve(new InMemoryAuditStore(new MemoryDatabase())) });

  it('fails every call while the database is unavailable, and keeps what it had', async () => {
    const db = new MemoryDatabase();
    const store = new InMemoryAuditStore(db);
    const [first, second] = sealedChain(2);
    await store.append(first, 0);
    db.setAvailable(false);
    await expect(store.append(second, 1)).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(store.head()).rejects.toMatchObject({ kind: 'unavailable' });
    db.setAvailable(true);
    expect(await store.head()).toEqual({ seq: 1, hash: first.hash });
  });

  it('is untouched by MemoryDatabase.clear (the audit log is not a test-support collection)', async () => {
    const db = new MemoryDatabase();
    const store = new InMemoryAuditStore(db);
    await store.append(sealedChain(1)[0], 0);
    db.clear();
    expect(store.entries()).toHaveLength(1);
  });
});
