import { createAssignment, type CareTeamAssignment } from '../../domain/patients/care-team';
import type { CareTeamRepository } from '../../application/ports/care-team-repository';
import type { UnitOfWork } from '../../application/ports/unit-of-work';

export interface CareTeamStores {
  readonly uow: UnitOfWork;
  readonly careTeam: CareTeamRepository;
}

const ORG = 'a'.repeat(24);
let seq = 0;
const row = (patientId: string, caregiverId: string, second: number, orgId = ORG): CareTeamAssignment => {
  seq += 1;
  return createAssignment({
    id: seq.toString(16).padStart(24, '0'),
    orgId,
    patientId,
    caregiverId,
    assignedBy: 'tester',
    now: new Date(Date.UTC(2026, 0, 1, 0, 0, second)),
  });
};

/** The CareTeamRepository contract every adapter passes. */
export const describeCareTeamRepositoryContract = (name: string, open: () => Promise<CareTeamStores>): void => {
  describe(`CareTeamRepository contract (${name})`, () => {
    let s: CareTeamStores;
    beforeEach(async () => {
      s = await open();
    });

    it('keeps (patient, caregiver) unique: a second insert reports false and changes nothing', async () => {
      const first = row('p1', 'c1', 1);
      expect(await s.careTeam.insert(first)).toBe(true);
      expect(await s.careTeam.insert(row('p1', 'c1', 2))).toBe(false);
      expect(await s.careTeam.find('p1', 'c1')).toEqual(first);
      expect(await s.careTeam.find('p1', 'c2')).toBeNull();
    });

    it('answers both sides in assignment order and the org’s assigned patients once each', async () => {
      await s.careTeam.insert(row('p1', 'c2', 5));
      await s.careTeam.insert(row('p1', 'c1', 1));
      await s.careTeam.insert(row('p2', 'c1', 3));
      await s.careTeam.insert(row('p9', 'c9', 0, 'b'.repeat(24)));
      expect((await s.careTeam.ofPatients(['p1'])).map((a) => a.caregiverId)).toEqual(['c1', 'c2']);
      expect((await s.careTeam.ofPatients(['p1', 'p2'])).map((a) => a.patientId)).toEqual(['p1', 'p2', 'p1']);
      expect(await s.careTeam.assignedPatientIds('c1')).toEqual(['p1', 'p2']);
      expect((await s.careTeam.ofCaregiver('c1')).map((a) => a.patientId)).toEqual(['p1', 'p2']);
      expect([...(await s.careTeam.patientIdsWithAssignments(ORG))].sort()).toEqual(['p1', 'p2']);
    });

    it('removes one pair, all of a patient, all of a caregiver, and reports what it removed', async () => {
      await s.careTeam.insert(row('p1', 'c1', 1));
      await s.careTeam.insert(row('p1', 'c2', 2));
      await s.careTeam.insert(row('p2', 'c1', 3));
      expect((await s.careTeam.remove('p1', 'c2'))?.caregiverId).toBe('c2');
      expect(await s.careTeam.remove('p1', 'c2')).toBeNull();
      expect((await s.careTeam.removeAllOfCaregiver('c1')).map((a) => a.patientId)).toEqual(['p1', 'p2']);
      expect(await s.careTeam.ofPatients(['p1', 'p2'])).toEqual([]);
      await s.careTeam.insert(row('p3', 'c3', 4));
      expect((await s.careTeam.removeAllOfPatient('p3')).map((a) => a.caregiverId)).toEqual(['c3']);
      expect(await s.careTeam.removeAllOfPatient('p3')).toEqual([]);
    });

    it('undoes writes made in a failed transaction', async () => {
      await s.careTeam.insert(row('p1', 'c1', 1));
      await expect(
        s.uow.run(async () => {
          await s.careTeam.insert(row('p2', 'c1', 2));
          await s.careTeam.removeAllOfPatient('p1');
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await s.careTeam.assignedPatientIds('c1')).toEqual(['p1']);
    });
  });
};
