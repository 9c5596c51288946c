import type { Patient } from '../../../domain/patients/patient';
import { conflict } from '../../../domain/shared/errors';
import { pageOf, sortBy, type Page } from '../../../domain/shared/page';
import type { PatientQuery, PatientRepository } from '../../../application/ports/patient-repository';
import type { MemoryDatabase } from './memory-database';
import { settle } from './settle';
import { bumpVersion } from './version-check';

const byCreation = (patients: readonly Patient[]): Patient[] =>
  sortBy(patients, [{ field: 'createdAt', direction: 'asc' }], (p) => p.createdAt);

/** Patients in the embedded store (collection `patients`); reads see non-deleted patients only. */
export class InMemoryPatientRepository implements PatientRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get patients() {
    return this.db.collection<Patient>('patients');
  }

  private live(predicate: (p: Patient) => boolean): Patient[] {
    return this.patients.find((p) => p.deletedAt === null && predicate(p));
  }

  findById(id: string): Promise<Patient | null> {
    const found = this.patients.get(id);
    return Promise.resolve(found && found.deletedAt === null ? found : null);
  }

  findByIds(ids: readonly string[]): Promise<readonly Patient[]> {
    const found: Patient[] = [];
    for (const id of new Set(ids)) {
      const patient = this.patients.get(id);
      if (patient !== undefined && patient.deletedAt === null) found.push(patient);
    }
    return Promise.resolve(found);
  }

  isEmailTaken(orgId: string, email: string, exceptId?: string): Promise<boolean> {
    return Promise.resolve(this.live((p) => p.orgId === orgId && p.email === email && p.id !== exceptId).length > 0);
  }

  list(query: PatientQuery): Promise<Page<Patient>> {
    const needle = query.nameContains?.toLowerCase();
    const only = query.onlyIds === undefined ? null : new Set(query.onlyIds);
    const matching = this.live(
      (p) =>
        p.orgId === query.orgId &&
        (only === null || only.has(p.id)) &&
        (needle === undefined || p.name.toLowerCase().includes(needle)) &&
        (query.email === undefined || p.email === query.email),
    );
    return Promise.resolve(
      pageOf(
        sortBy(matching, query.sort, (p, field) => p[field]),
        query.page,
        query.limit,
      ),
    );
  }

  idsOfOrg(orgId: string): Promise<readonly string[]> {
    return Promise.resolve(byCreation(this.live((p) => p.orgId === orgId)).map((p) => p.id));
  }

  listByOrg(orgId: string): Promise<readonly Patient[]> {
    return Promise.resolve(byCreation(this.live((p) => p.orgId === orgId)));
  }

  // Every refusal is a rejected promise, as from a real store (never a synchronous throw).
  insert(patient: Patient): Promise<void> {
    return settle(() => {
      if (this.patients.get(patient.id) !== undefined) throw conflict('DUPLICATE_ID', 'Patient already exists');
      this.refuseTakenEmail(patient);
      this.patients.put(patient);
    });
  }

  update(patient: Patient): Promise<Patient> {
    return settle(() => {
      const saved = bumpVersion(this.patients.get(patient.id), patient, 'Patient');
      this.refuseTakenEmail(saved);
      this.patients.put(saved);
      return saved;
    });
  }

  /** The unique index a real store keeps: one non-deleted patient per (organisation, address). */
  private refuseTakenEmail(patient: Patient): void {
    if (patient.deletedAt !== null || patient.email === null) return;
    const { email, orgId, id } = patient;
    if (this.patients.count((p) => p.id !== id && p.deletedAt === null && p.orgId === orgId && p.email === email) > 0) {
      throw conflict('EMAIL_TAKEN', 'Email already taken', 'EMAIL_TAKEN');
    }
  }
}
