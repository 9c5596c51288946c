import type { CareTeamAssignment } from '../../../domain/patients/care-team';
import type { CareTeamRepository } from '../../../application/ports/care-team-repository';
import type { MemoryDatabase } from './memory-database';

const byAssignment = (assignments: CareTeamAssignment[]): CareTeamAssignment[] =>
  assignments.sort(
    (a, b) => a.assignedAt.getTime() - b.assignedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

/**
 * Care-team assignments in the embedded store (collection `care_team`), keyed by their id; the pair
 * (patient, caregiver) is unique.
 */
export class InMemoryCareTeamRepository implements CareTeamRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get assignments() {
    return this.db.collection<CareTeamAssignment>('care_team');
  }

  private matching(predicate: (a: CareTeamAssignment) => boolean): CareTeamAssignment[] {
    return byAssignment(this.assignments.find(predicate));
  }

  find(patientId: string, caregiverId: string): Promise<CareTeamAssignment | null> {
    return Promise.resolve(this.matching((a) => a.patientId === patientId && a.caregiverId === caregiverId)[0] ?? null);
  }

  insert(assignment: CareTeamAssignment): Promise<boolean> {
    const exists = this.assignments.count(
      (a) => a.patientId === assignment.patientId && a.caregiverId === assignment.caregiverId,
    );
    if (exists > 0) return Promise.resolve(false);
    this.assignments.put(assignment);
    return Promise.resolve(true);
  }

  remove(patientId: string, caregiverId: string): Promise<CareTeamAssignment | null> {
    const found = this.matching((a) => a.patientId === patientId && a.caregiverId === caregiverId)[0];
    if (found === undefined) return Promise.resolve(null);
    this.assignments.delete(found.id);
    return Promise.resolve(found);
  }

  ofPatients(patientIds: readonly string[]): Promise<readonly CareTeamAssignment[]> {
    const wanted = new Set(patientIds);
    return Promise.resolve(this.matching((a) => wanted.has(a.patientId)));
  }

  ofCaregiver(caregiverId: string): Promise<readonly CareTeamAssignment[]> {
    return Promise.resolve(this.matching((a) => a.caregiverId === caregiverId));
  }

  assignedPatientIds(caregiverId: string): Promise<readonly string[]> {
    return Promise.resolve(this.matching((a) => a.caregiverId === caregiverId).map((a) => a.patientId));
  }

  patientIdsWithAssignments(orgId: string): Promise<readonly string[]> {
    return Promise.resolve([...new Set(this.matching((a) => a.orgId === orgId).map((a) => a.patientId))]);
  }

  removeAllOfPatient(patientId: string): Promise<readonly CareTeamAssignment[]> {
    return Promise.resolve(this.removeWhere((a) => a.patientId === patientId));
  }

  removeAllOfCaregiver(caregiverId: string): Promise<readonly CareTeamAssignment[]> {
    return Promise.resolve(this.removeWhere((a) => a.caregiverId === caregiverId));
  }

  private removeWhere(predicate: (a: CareTeamAssignment) => boolean): CareTeamAssignment[] {
    const removed = this.matching(predicate);
    for (const assignment of removed) this.assignments.delete(assignment.id);
    return removed;
  }
}
