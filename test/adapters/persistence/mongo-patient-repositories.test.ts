import { MongoClient, ObjectId, type Db } from 'mongodb';
import { createAssignment, type CareTeamAssignment } from '../../../domain/patients/care-team';
import { createPatient, softDeletedPatient, type Patient } from '../../../domain/patients/patient';
import { isDomainError } from '../../../domain/shared/errors';
import type { PatientQuery } from '../../../application/ports/patient-repository';
import { MongoCareTeamRepository } from '../../../adapters/persistence/mongo/mongo-care-team-repository';
import { COLLECTIONS } from '../../../adapters/persistence/mongo/mongo-collections';
import { MongoDatabase } from '../../../adapters/persistence/mongo/mongo-connection';
import { ensureIndexes, UNIQUE_INDEXES } from '../../../adapters/persistence/mongo/mongo-indexes';
import { MongoPatientRepository } from '../../../adapters/persistence/mongo/mongo-patient-repository';
import { MongoUnitOfWork } from '../../../adapters/persistence/mongo/mongo-unit-of-work';
import { startMongoWireServer, type MongoWireServer } from '../../support/mongo-wire';
import { at, newId } from '../../contract/persistence-fixtures';

/**
 * What the patient and care-team contracts leave to the Mongo adapters: the stored shape, user text matched
 * literally, org scoping with ids that cannot be ObjectIds, the memory adapter's conflicts word for word, the
 * ambient session on every operation, and (same-case names, since the wire server sorts by code point) the
 * filters, sort keys and pages of `list`.
 */
const ORG = newId();
const OTHER_ORG = newId();

let patients = 0;
const aPatient = (fields: Partial<Patient> = {}): Patient => {
  patients += 1;
  return {
    ...createPatient({
      id: newId(),
      orgId: ORG,
      name: `Patient ${patients}`,
      phone: '+16045550100',
      email: `patient${patients}@example.org`,
      now: at(patients),
    }),
    ...fields,
  };
};

const anAssignment = (patientId: string, caregiverId: string, minute: number, orgId = ORG): CareTeamAssignment =>
  createAssignment({ id: newId(), orgId, patientId, caregiverId, assignedBy: 'system', now: at(minute) });

const EMAIL_TAKEN = { id: 'EMAIL_TAKEN', kind: 'conflict', message: 'Email already taken', reason: 'EMAIL_TAKEN' };

describe('Mongo patient and care-team repositories (wire test server)', () => {
  let server: MongoWireServer;
  let client: MongoClient;
  let db: Db;
  let uow: MongoUnitOfWork;
  let repo: MongoPatientRepository;
  let team: MongoCareTeamRepository;
  let n = 0;

  beforeAll(async () => {
    server = await startMongoWireServer({ lockTimeoutMs: 500 });
    client = await new MongoClient(server.url, { serverSelectionTimeoutMS: 3000 }).connect();
  });

  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  beforeEach(async () => {
    n += 1;
    const database = new MongoDatabase(client, client.db(`patients_adapter_${n}`));
    await ensureIndexes(database.db);
    db = database.db;
    uow = new MongoUnitOfWork(database);
    repo = new MongoPatientRepository(database);
    team = new MongoCareTeamRepository(database);
  });

  const page = (query: Partial<PatientQuery> = {}): PatientQuery => ({
    orgId: ORG,
    page: 1,
    limit: 10,
    sort: [{ field: 'createdAt', direction: 'asc' }],
    ...query,
  });
  const listed = async (query: Partial<PatientQuery> = {}): Promise<string[]> =>
    (await repo.list(page(query))).results.map((p) => p.name);

  it('stores ids and the org as ObjectIds, every other field as it is, and reads back the same patient', async () => {
    const patient = aPatient({ preferredName: 'Nana', age: 81, notes: 'n', timezone: 'Europe/Paris', avatar: 'a.png' });
    await repo.insert(patient);

    const { id, orgId, ...rest } = patient;
    expect(await db.collection(COLLECTIONS.patients).findOne({})).toEqual({
      _id: ObjectId.createFromHexString(id),
      orgId: ObjectId.createFromHexString(orgId),
      ...rest,
    });
    expect(await repo.findById(id)).toEqual(patient);
    await expect(repo.insert(aPatient({ orgId: 'org-1' }))).rejects.toThrow(/orgId/);
  });

  it('stores the app’s patient and caregiver ids as ObjectIds and any other id as the string it is', async () => {
    const patientId = newId();
    const caregiverId = newId();
    const withIds = anAssignment(patientId, caregiverId, 1);
    const withNames = anAssignment('p1', 'c1', 2);
    await team.insert(withIds);
    await team.insert(withNames);

    const raw = await db.collection(COLLECTIONS.careTeam).find({}).sort({ assignedAt: 1 }).toArray();
    expect(raw[0]).toMatchObject({
      _id: ObjectId.createFromHexString(withIds.id),
      orgId: ObjectId.createFromHexString(ORG),
      patientId: ObjectId.createFromHexString(patientId),
      caregiverId: ObjectId.createFromHexString(caregiverId),
      assignedBy: 'system',
    });
    expect(raw[1]).toMatchObject({ patientId: 'p1', caregiverId: 'c1' });
    expect(await team.find(patientId, caregiverId)).toEqual(withIds);
    expect(await team.find('p1', 'c1')).toEqual(withNames);
    // Upper-case hex is not an id the app makes: it is a different string and matches nothing.
    expect(await team.find(patientId.toUpperCase(), caregiverId)).toBeNull();
    expect(await team.assignedPatientIds(caregiverId)).toEqual([patientId]);
  });

  it('matches name text literally: regex metacharacters are escaped, case is ignored', async () => {
    await repo.insert(aPatient({ name: 'Ann (A.) Smith' }));
    await repo.insert(aPatient({ name: 'Annxax Smith' }));
    await repo.insert(aPatient({ name: 'Bob [Jr]' }));

    expect(await listed({ nameContains: 'a.' })).toEqual(['Ann (A.) Smith']);
    expect(await listed({ nameContains: '(A.)' })).toEqual(['Ann (A.) Smith']);
    expect(await listed({ nameContains: '[jr]' })).toEqual(['Bob [Jr]']);
    expect(await listed({ nameContains: '.*' })).toEqual([]);
    expect(await listed({ nameContains: '^Ann' })).toEqual([]);
    expect(await listed({ nameContains: 'SMITH' })).toEqual(['Ann (A.) Smith', 'Annxax Smith']);
  });

  it('filters, restricts to ids, sorts by several keys with the id tie-break, and pages', async () => {
    const cora3 = aPatient({ name: 'Cora' });
    const abe = aPatient({ name: 'Abe' });
    const cora2 = aPatient({ name: 'Cora', createdAt: at(0) });
    const dan = aPatient({ name: 'Dan', orgId: OTHER_ORG });
    for (const p of [cora3, abe, cora2, dan]) await repo.insert(p);
    const ids = async (query: Partial<PatientQuery>) => (await repo.list(page(query))).results.map((p) => p.id);

    expect(await ids({})).toEqual([cora2.id, cora3.id, abe.id]);
    expect(await ids({ sort: [{ field: 'name', direction: 'desc' }] })).toEqual(
      [cora3.id, cora2.id].sort().concat(abe.id),
    );
    expect(
      await ids({
        sort: [
          { field: 'name', direction: 'asc' },
          { field: 'createdAt', direction: 'desc' },
        ],
      }),
    ).toEqual([abe.id, cora3.id, cora2.id]);
    expect(await ids({ nameContains: 'COR' })).toEqual([cora2.id, cora3.id]);
    expect(await ids({ email: abe.email! })).toEqual([abe.id]);
    expect(await ids({ onlyIds: [abe.id, dan.id, 'not-an-id'] })).toEqual([abe.id]);
    expect(await ids({ onlyIds: [] })).toEqual([]);

    const second = await repo.list(page({ page: 2, limit: 2 }));
    expect(second).toMatchObject({ page: 2, limit: 2, totalPages: 2, totalResults: 3 });
    expect(second.results.map((p) => p.id)).toEqual([abe.id]);
    expect(await repo.list(page({ page: 3, limit: 2 }))).toEqual({
      results: [],
      page: 3,
      limit: 2,
      totalPages: 2,
      totalResults: 3,
    });
  });

  it('scopes reads to the organisation and treats ids that cannot be ObjectIds as unknown', async () => {
    const mine = aPatient();
    const theirs = aPatient({ orgId: OTHER_ORG, email: mine.email });
    await repo.insert(mine);
    await repo.insert(theirs);

    expect((await repo.list(page({ orgId: OTHER_ORG }))).results.map((p) => p.id)).toEqual([theirs.id]);
    expect(await repo.list(page({ orgId: 'org-1' }))).toEqual({
      results: [],
      page: 1,
      limit: 10,
      totalPages: 0,
      totalResults: 0,
    });
    expect(await repo.idsOfOrg(ORG)).toEqual([mine.id]);
    expect((await repo.listByOrg(OTHER_ORG)).map((p) => p.id)).toEqual([theirs.id]);
    expect(await repo.idsOfOrg('org-1')).toEqual([]);
    expect(await repo.listByOrg('org-1')).toEqual([]);
    expect(await repo.isEmailTaken('org-1', mine.email!)).toBe(false);
    expect(await repo.isEmailTaken(ORG, mine.email!, 'not-an-id')).toBe(true);
    expect(await repo.findById('not-an-id')).toBeNull();
    expect((await repo.findByIds(['not-an-id', theirs.id])).map((p) => p.id)).toEqual([theirs.id]);
    expect(await repo.findByIds(['not-an-id'])).toEqual([]);

    await team.insert(anAssignment(mine.id, 'c1', 1));
    await team.insert(anAssignment(theirs.id, 'c2', 2, OTHER_ORG));
    expect(await team.patientIdsWithAssignments(OTHER_ORG)).toEqual([theirs.id]);
    expect(await team.patientIdsWithAssignments('org-1')).toEqual([]);
  });

  it('raises the memory adapter’s conflicts: a taken e-mail on insert and update, a reused id', async () => {
    const first = aPatient();
    const second = aPatient();
    await repo.insert(first);
    await repo.insert(second);

    await expect(repo.insert(aPatient({ email: first.email }))).rejects.toMatchObject(EMAIL_TAKEN);
    await expect(repo.update({ ...second, email: first.email })).rejects.toMatchObject(EMAIL_TAKEN);
    await expect(repo.insert({ ...aPatient(), id: first.id })).rejects.toMatchObject({
      id: 'DUPLICATE_ID',
      kind: 'conflict',
      message: 'Patient already exists',
    });

    // A deleted patient releases the address; the rejected update above changed nothing.
    await repo.update(softDeletedPatient(first, at(99)));
    const moved = await repo.update({ ...second, email: first.email });
    expect(moved).toMatchObject({ email: first.email, version: 2 });
    expect(await repo.findById(second.id)).toEqual(moved);
  });

  it('tells a stale version from a patient that does not exist', async () => {
    const patient = aPatient();
    await repo.insert(patient);
    await repo.update({ ...patient, name: 'First' });

    await expect(repo.update({ ...patient, name: 'Second' })).rejects.toMatchObject({
      id: 'STALE_VERSION',
      reason: 'STALE_VERSION',
    });
    const missing = repo.update(aPatient());
    await expect(missing).rejects.toThrow(/does not exist/);
    await expect(missing.catch((error: unknown) => isDomainError(error))).resolves.toBe(false);
    await expect(repo.update({ ...patient, id: 'not-an-id' })).rejects.toThrow(/does not exist/);
  });

  it('refuses an assignment id already used by another pair', async () => {
    const first = anAssignment('p1', 'c1', 1);
    await team.insert(first);
    await expect(team.insert({ ...anAssignment('p2', 'c2', 2), id: first.id })).rejects.toMatchObject({
      id: 'DUPLICATE_ID',
      kind: 'conflict',
    });
    expect(await team.ofPatients(['p2'])).toEqual([]);
  });

  it('reports an existing pair as not new inside a transaction without aborting it', async () => {
    const first = anAssignment('p1', 'c1', 1);
    await team.insert(first);

    const answers = await uow.run(async () => [
      await team.insert(anAssignment('p1', 'c1', 2)),
      await team.insert(anAssignment('p2', 'c1', 3)),
    ]);

    expect(answers).toEqual([false, true]);
    expect(await team.ofCaregiver('c1')).toEqual([first, expect.objectContaining({ patientId: 'p2' })]);
  });

  it('runs every operation in the ambient transaction: its reads see its writes, outside readers do not', async () => {
    const patient = aPatient();
    const caregiverId = newId();
    const outside = () =>
      Promise.all([COLLECTIONS.patients, COLLECTIONS.careTeam].map((c) => db.collection(c).countDocuments({})));

    await uow.run(async () => {
      await repo.insert(patient);
      expect(await outside()).toEqual([0, 0]);
      expect(await repo.findById(patient.id)).toEqual(patient);
      expect(await repo.findByIds([patient.id])).toEqual([patient]);
      expect(await repo.isEmailTaken(ORG, patient.email!)).toBe(true);
      expect((await repo.list(page())).totalResults).toBe(1);
      expect(await repo.idsOfOrg(ORG)).toEqual([patient.id]);
      expect(await repo.listByOrg(ORG)).toEqual([patient]);
      const renamed = await repo.update({ ...patient, name: 'Renamed' });
      await expect(repo.update({ ...patient, name: 'Stale' })).rejects.toMatchObject({ reason: 'STALE_VERSION' });
      expect(await repo.findById(patient.id)).toEqual(renamed);

      const assignment = anAssignment(patient.id, caregiverId, 5);
      expect(await team.insert(assignment)).toBe(true);
      expect(await team.find(patient.id, caregiverId)).toEqual(assignment);
      expect(await team.ofPatients([patient.id])).toEqual([assignment]);
      expect(await team.ofCaregiver(caregiverId)).toEqual([assignment]);
      expect(await team.assignedPatientIds(caregiverId)).toEqual([patient.id]);
      expect(await team.patientIdsWithAssignments(ORG)).toEqual([patient.id]);
      expect(await team.remove(patient.id, caregiverId)).toEqual(assignment);
      await team.insert(assignment);
      expect(await team.removeAllOfPatient(patient.id)).toEqual([assignment]);
      await team.insert(assignment);
      expect(await team.removeAllOfCaregiver(caregiverId)).toEqual([assignment]);
      await team.insert(assignment);
      expect(await outside()).toEqual([0, 0]);
    });

    expect(await outside()).toEqual([1, 1]);
    expect((await repo.findById(patient.id))?.name).toBe('Renamed');
  });

  it('removes exactly the rows of one side, in assignment order, and leaves the rest', async () => {
    const late = anAssignment('p1', 'c2', 9);
    const early = anAssignment('p1', 'c1', 1);
    const other = anAssignment('p2', 'c1', 5);
    for (const a of [late, early, other]) await team.insert(a);

    expect(await team.removeAllOfPatient('p1')).toEqual([early, late]);
    expect(await team.ofPatients(['p1', 'p2', 'p2'])).toEqual([other]);
    expect(await team.removeAllOfCaregiver('c9')).toEqual([]);
    expect(await team.remove('p2', 'c9')).toBeNull();
    expect(await team.ofPatients([])).toEqual([]);
  });

  it('creates the patient and care-team indexes with the e-mail index partial on live patients with an address', async () => {
    const patientIndexes = await db.collection(COLLECTIONS.patients).indexes();
    expect(patientIndexes.find((i) => i.name === UNIQUE_INDEXES.patientEmail)).toMatchObject({
      key: { orgId: 1, email: 1 },
      unique: true,
      partialFilterExpression: { deletedAt: null, email: { $type: 'string' } },
    });
    const teamIndexes = await db.collection(COLLECTIONS.careTeam).indexes();
    expect(teamIndexes.find((i) => i.name === UNIQUE_INDEXES.careTeamPair)).toMatchObject({
      key: { patientId: 1, caregiverId: 1 },
      unique: true,
    });
  });
});
