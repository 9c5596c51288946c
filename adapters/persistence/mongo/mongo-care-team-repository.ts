import type { Collection, Filter } from 'mongodb';
import type { CareTeamAssignment } from '../../../domain/patients/care-team';
import type { CareTeamRepository } from '../../../application/ports/care-team-repository';
import { duplicateId } from '../persistence-conflicts';
import {
  careTeamFromDocument,
  careTeamToDocument,
  memberId,
  memberRef,
  type CareTeamDocument,
} from './care-team-mapper';
import { COLLECTIONS } from './mongo-collections';
import type { MongoDatabase } from './mongo-connection';
import { writeOrConflict, type UniqueRule } from './mongo-errors';
import { objectIdOrNull } from './object-ids';

const UNIQUE: readonly UniqueRule[] = [
  { index: '_id_', field: '_id', conflict: () => duplicateId('Care-team assignment') },
];

/** Assignment order, as the memory adapter sorts: by time, ties by id. */
const BY_ASSIGNMENT = { assignedAt: 1, _id: 1 } as const;

/**
 * Care-team assignments in `care_team`, one per (patient, caregiver) (unique index). Rows are removed for good:
 * an assignment has no soft delete.
 */
export class MongoCareTeamRepository implements CareTeamRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get assignments(): Collection<CareTeamDocument> {
    return this.db.collection<CareTeamDocument>(COLLECTIONS.careTeam);
  }

  private async matching(filter: Filter<CareTeamDocument>): Promise<CareTeamAssignment[]> {
    const docs = await this.assignments.find(filter, this.db.options()).sort(BY_ASSIGNMENT).toArray();
    return docs.map(careTeamFromDocument);
  }

  async find(patientId: string, caregiverId: string): Promise<CareTeamAssignment | null> {
    const doc = await this.assignments.findOne(
      { patientId: memberRef(patientId), caregiverId: memberRef(caregiverId) },
      this.db.options(),
    );
    return doc === null ? null : careTeamFromDocument(doc);
  }

  /**
   * An upsert that only inserts: an existing pair is left untouched and reported as not new, without the
   * duplicate-key error that would abort an enclosing transaction. (The server retries an upsert that loses a
   * race on the pair's unique index.)
   */
  async insert(assignment: CareTeamAssignment): Promise<boolean> {
    const { patientId, caregiverId, ...rest } = careTeamToDocument(assignment);
    const result = await writeOrConflict(
      () =>
        this.assignments.updateOne(
          { patientId, caregiverId },
          { $setOnInsert: rest },
          { ...this.db.options(), upsert: true },
        ),
      UNIQUE,
    );
    return result.upsertedCount === 1;
  }

  async remove(patientId: string, caregiverId: string): Promise<CareTeamAssignment | null> {
    const doc = await this.assignments.findOneAndDelete(
      { patientId: memberRef(patientId), caregiverId: memberRef(caregiverId) },
      this.db.options(),
    );
    return doc === null ? null : careTeamFromDocument(doc);
  }

  ofPatients(patientIds: readonly string[]): Promise<readonly CareTeamAssignment[]> {
    const refs = [...new Set(patientIds)].map(memberRef);
    return refs.length === 0 ? Promise.resolve([]) : this.matching({ patientId: { $in: refs } });
  }

  ofCaregiver(caregiverId: string): Promise<readonly CareTeamAssignment[]> {
    return this.matching({ caregiverId: memberRef(caregiverId) });
  }

  async assignedPatientIds(caregiverId: string): Promise<readonly string[]> {
    const docs = await this.assignments
      .find({ caregiverId: memberRef(caregiverId) }, { ...this.db.options(), projection: { patientId: 1 } })
      .sort(BY_ASSIGNMENT)
      .toArray();
    return docs.map((doc) => memberId(doc.patientId));
  }

  async patientIdsWithAssignments(orgId: string): Promise<readonly string[]> {
    const org = objectIdOrNull(orgId);
    if (org === null) return [];
    const docs = await this.assignments
      .find({ orgId: org }, { ...this.db.options(), projection: { patientId: 1 } })
      .sort(BY_ASSIGNMENT)
      .toArray();
    return [...new Set(docs.map((doc) => memberId(doc.patientId)))];
  }

  removeAllOfPatient(patientId: string): Promise<readonly CareTeamAssignment[]> {
    return this.removeWhere({ patientId: memberRef(patientId) });
  }

  removeAllOfCaregiver(caregiverId: string): Promise<readonly CareTeamAssignment[]> {
    return this.removeWhere({ caregiverId: memberRef(caregiverId) });
  }

  /** Deletes the rows it read, by id: a row written meanwhile is neither removed nor reported. */
  private async removeWhere(filter: Filter<CareTeamDocument>): Promise<CareTeamAssignment[]> {
    const docs = await this.assignments.find(filter, this.db.options()).sort(BY_ASSIGNMENT).toArray();
    if (docs.length === 0) return [];
    await this.assignments.deleteMany({ _id: { $in: docs.map((doc) => doc._id) } }, this.db.options());
    return docs.map(careTeamFromDocument);
  }
}
