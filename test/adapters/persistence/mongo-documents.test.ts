import { MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import { AUDIT_COLLECTIONS } from '../../../adapters/persistence/mongo/mongo-audit-store';
import { COLLECTIONS } from '../../../adapters/persistence/mongo/mongo-collections';
import { databaseNameInUrl } from '../../../adapters/persistence/mongo/mongo-connection';
import { ensureIndexes, INDEX_DEFINITIONS, UNIQUE_INDEXES } from '../../../adapters/persistence/mongo/mongo-indexes';
import { escapeRegex } from '../../../adapters/persistence/mongo/mongo-query';
import { startMongoWireServer, type MongoWireServer } from '../../support/mongo-wire';
import { mongoStores, type Stores } from '../../contract/persistence-targets';
import { aCaregiver, aFullyLoadedCaregiver, anAuditEvent, anEvent, anOrg } from '../../contract/persistence-fixtures';

/** Every value of a stored document, depth first (to prove no `undefined` was written). */
const values = (doc: unknown): unknown[] =>
  doc !== null && typeof doc === 'object' && !(doc instanceof Date) && !(doc instanceof ObjectId)
    ? Object.values(doc as Document).flatMap(values)
    : [doc];

describe('Mongo documents and indexes (wire test server)', () => {
  let server: MongoWireServer;
  let client: MongoClient;
  let db: Db;
  let stores: Stores;
  let n = 0;

  beforeAll(async () => {
    server = await startMongoWireServer();
    client = await new MongoClient(server.url, { serverSelectionTimeoutMS: 3000 }).connect();
  });

  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  beforeEach(async () => {
    n += 1;
    stores = await mongoStores(client, `documents_${n}`);
    db = client.db(`documents_${n}`);
  });

  it('stores ids and references as ObjectIds under _id, dates as dates, and no undefined', async () => {
    const org = anOrg();
    const caregiver = aFullyLoadedCaregiver(org.id);
    await stores.orgs.insert(org);
    await stores.caregivers.insert(caregiver);

    const orgDoc = await db.collection(COLLECTIONS.orgs).findOne({});
    const caregiverDoc = await db.collection(COLLECTIONS.caregivers).findOne({});

    expect(orgDoc?._id).toEqual(ObjectId.createFromHexString(org.id));
    expect(orgDoc).not.toHaveProperty('id');
    expect(orgDoc?.createdAt).toBeInstanceOf(Date);
    expect(caregiverDoc?.orgId).toEqual(ObjectId.createFromHexString(org.id));
    expect(caregiverDoc?.mfa.pendingExpiresAt).toBeInstanceOf(Date);
    expect(caregiverDoc?.ssoIdentities[0].linkedAt).toBeInstanceOf(Date);
    expect(values(orgDoc)).not.toContain(undefined);
    expect(values(caregiverDoc)).not.toContain(undefined);
  });

  it('leaves out optional fields that are absent instead of storing them as null', async () => {
    await stores.audit.record(anAuditEvent());
    await stores.uow.run(() => stores.outbox.append([anEvent({ actor: { kind: 'system' } })]));

    const entry = await db.collection(AUDIT_COLLECTIONS.pending).findOne({});
    const outboxDoc = await db.collection(COLLECTIONS.outbox).findOne({});
    expect(entry).not.toHaveProperty('patientIds');
    expect(outboxDoc?.event.actor).toEqual({ kind: 'system' });
    expect(outboxDoc?.event.occurredAt).toBeInstanceOf(Date);
  });

  it('refuses ids that are not 24-hex ObjectId strings on write', async () => {
    await expect(stores.orgs.insert(anOrg({ id: 'org-1' }))).rejects.toThrow(/ObjectId/);
    await expect(stores.caregivers.insert(aCaregiver({ orgId: 'org-1' }))).rejects.toThrow(/orgId/);
  });

  it('creates every index, unique ones with their partial filters, and can run again', async () => {
    await ensureIndexes(db);
    for (const [collection, definitions] of Object.entries(INDEX_DEFINITIONS)) {
      const names = (await db.collection(collection).indexes()).map((index) => index.name);
      expect(names).toEqual(expect.arrayContaining(definitions.map((d) => d.name)));
    }
    const orgIndexes = await db.collection(COLLECTIONS.orgs).indexes();
    expect(orgIndexes.find((i) => i.name === UNIQUE_INDEXES.orgEmail)).toMatchObject({
      unique: true,
      key: { email: 1 },
      partialFilterExpression: { deletedAt: null },
    });
    const handled = await db.collection(COLLECTIONS.outboxHandled).indexes();
    expect(handled.find((i) => i.name === UNIQUE_INDEXES.handledClaim)).toMatchObject({
      unique: true,
      key: { eventId: 1, handler: 1 },
    });
  });

  it('refuses a second caregiver linked to the same SSO account, but not two without links', async () => {
    const org = anOrg();
    const linked = aFullyLoadedCaregiver(org.id);
    await stores.caregivers.insert(linked);
    await stores.caregivers.insert(aCaregiver({ orgId: org.id }));
    await stores.caregivers.insert(aCaregiver({ orgId: org.id }));

    await expect(
      stores.caregivers.insert(aCaregiver({ orgId: org.id, ssoIdentities: [linked.ssoIdentities[0]] })),
    ).rejects.toMatchObject({ id: 'SSO_IDENTITY_TAKEN', kind: 'conflict' });
  });

  it('refuses a second token with the same hash', async () => {
    const caregiverId = new ObjectId().toHexString();
    const orgId = new ObjectId().toHexString();
    const base = {
      type: 'verifyEmail' as const,
      caregiverId,
      orgId,
      tokenHash: 'same-hash',
      expiresAt: new Date(),
      usedAt: null,
      revokedAt: null,
      createdAt: new Date(),
      data: {},
    };
    await stores.tokens.insert({ ...base, id: new ObjectId().toHexString() });
    await expect(stores.tokens.insert({ ...base, id: new ObjectId().toHexString() })).rejects.toMatchObject({
      id: 'TOKEN_HASH_TAKEN',
      kind: 'conflict',
    });
  });
});

describe('Mongo helpers', () => {
  it('escapes every regex metacharacter so user text matches literally', () => {
    const text = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o';
    expect(new RegExp(`^${escapeRegex(text)}$`).test(text)).toBe(true);
    expect(new RegExp(escapeRegex('.*')).test('anything')).toBe(false);
  });

  it('reads the database name from the URL path', () => {
    expect(databaseNameInUrl('mongodb://h:27017/bianca_prod?replicaSet=rs0')).toBe('bianca_prod');
    expect(databaseNameInUrl('mongodb+srv://u:p@cluster.example.net/app')).toBe('app');
    expect(databaseNameInUrl('mongodb://127.0.0.1:41234/?replicaSet=rs0')).toBeUndefined();
    expect(databaseNameInUrl('mongodb://h1:1,h2:2')).toBeUndefined();
  });
});
