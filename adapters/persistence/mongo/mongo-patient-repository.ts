import type { Collection, Filter, ObjectId } from 'mongodb';
import type { Patient } from '../../../domain/patients/patient';
import { conflict, type DomainError } from '../../../domain/shared/errors';
import { pageOf, type Page } from '../../../domain/shared/page';
import type { PatientQuery, PatientRepository } from '../../../application/ports/patient-repository';
import { duplicateId } from '../persistence-conflicts';
import { COLLECTIONS } from './mongo-collections';
import type { MongoDatabase } from './mongo-connection';
import { casFailure, writeOrConflict, type UniqueRule } from './mongo-errors';
import { UNIQUE_INDEXES } from './mongo-indexes';
import { containsIgnoringCase, findPage } from './mongo-query';
import { hexOf, objectIdOrNull } from './object-ids';
import { patientFromDocument, patientToDocument, type PatientDocument } from './patient-mapper';

/** Another non-deleted patient of the organisation uses the address: the memory adapter's conflict, word for word. */
const patientEmailTaken = (): DomainError => conflict('EMAIL_TAKEN', 'Email already taken', 'EMAIL_TAKEN');

const UNIQUE: readonly UniqueRule[] = [
  { index: UNIQUE_INDEXES.patientEmail, field: 'orgId', conflict: patientEmailTaken },
  { index: '_id_', field: '_id', conflict: () => duplicateId('Patient') },
];

/** The ObjectIds among `ids`, each once; an id that cannot be one matches nothing, as an unknown id would. */
const objectIdsOf = (ids: Iterable<string>): ObjectId[] => {
  const found: ObjectId[] = [];
  for (const id of ids) {
    const _id = objectIdOrNull(id);
    if (_id !== null) found.push(_id);
  }
  return found;
};

/** Patients in `patients`; reads see non-deleted patients only, updates are compare-and-set on `version`. */
export class MongoPatientRepository implements PatientRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get patients(): Collection<PatientDocument> {
    return this.db.collection<PatientDocument>(COLLECTIONS.patients);
  }

  async findById(id: string): Promise<Patient | null> {
    const _id = objectIdOrNull(id);
    if (_id === null) return null;
    const doc = await this.patients.findOne({ _id, deletedAt: null }, this.db.options());
    return doc === null ? null : patientFromDocument(doc);
  }

  async findByIds(ids: readonly string[]): Promise<readonly Patient[]> {
    const wanted = [...new Set(ids)];
    const _ids = objectIdsOf(wanted);
    if (_ids.length === 0) return [];
    const docs = await this.patients.find({ _id: { $in: _ids }, deletedAt: null }, this.db.options()).toArray();
    const byId = new Map(docs.map((doc) => [hexOf(doc._id), doc]));
    const found: Patient[] = [];
    for (const id of wanted) {
      const doc = byId.get(id);
      if (doc !== undefined) found.push(patientFromDocument(doc));
    }
    return found;
  }

  async isEmailTaken(orgId: string, email: string, exceptId?: string): Promise<boolean> {
    const org = objectIdOrNull(orgId);
    if (org === null) return false;
    const except = exceptId === undefined ? null : objectIdOrNull(exceptId);
    const filter: Filter<PatientDocument> = {
      orgId: org,
      email,
      deletedAt: null,
      ...(except === null ? {} : { _id: { $ne: except } }),
    };
    return (await this.patients.countDocuments(filter, { ...this.db.options(), limit: 1 })) > 0;
  }

  list(query: PatientQuery): Promise<Page<Patient>> {
    const orgId = objectIdOrNull(query.orgId);
    if (orgId === null) return Promise.resolve(pageOf<Patient>([], query.page, query.limit));
    const filter: Filter<PatientDocument> = {
      orgId,
      deletedAt: null,
      ...(query.onlyIds === undefined ? {} : { _id: { $in: objectIdsOf(new Set(query.onlyIds)) } }),
      ...(query.nameContains === undefined ? {} : { name: containsIgnoringCase(query.nameContains) }),
      ...(query.email === undefined ? {} : { email: query.email }),
    };
    return findPage(
      { collection: this.patients, filter, request: query, session: this.db.options() },
      patientFromDocument,
    );
  }

  async idsOfOrg(orgId: string): Promise<readonly string[]> {
    const org = objectIdOrNull(orgId);
    if (org === null) return [];
    const docs = await this.patients
      .find({ orgId: org, deletedAt: null }, { ...this.db.options(), projection: { _id: 1 } })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    return docs.map((doc) => hexOf(doc._id));
  }

  async listByOrg(orgId: string): Promise<readonly Patient[]> {
    const org = objectIdOrNull(orgId);
    if (org === null) return [];
    const docs = await this.patients
      .find({ orgId: org, deletedAt: null }, this.db.options())
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    return docs.map(patientFromDocument);
  }

  async insert(patient: Patient): Promise<void> {
    const doc = patientToDocument(patient);
    await writeOrConflict(() => this.patients.insertOne(doc, this.db.options()), UNIQUE);
  }

  async update(patient: Patient): Promise<Patient> {
    const saved: Patient = { ...patient, version: patient.version + 1 };
    const _id = objectIdOrNull(patient.id);
    if (_id === null) throw casFailure('Patient', patient.id, false);
    const result = await writeOrConflict(
      () => this.patients.replaceOne({ _id, version: patient.version }, patientToDocument(saved), this.db.options()),
      UNIQUE,
    );
    if (result.matchedCount === 0) {
      const exists = (await this.patients.countDocuments({ _id }, { ...this.db.options(), limit: 1 })) > 0;
      throw casFailure('Patient', patient.id, exists);
    }
    return saved;
  }
}
