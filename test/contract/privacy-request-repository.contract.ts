import {
  addNote,
  appealRequest,
  createPrivacyRequest,
  denyRequest,
  extendRequest,
  type PrivacyRequest,
} from '../../domain/privacy/privacy-request';
import type { PrivacyRequestRepository } from '../../application/ports/privacy-request-repository';
import type { UnitOfWork } from '../../application/ports/unit-of-work';

export interface PrivacyRequestStores {
  readonly uow: UnitOfWork;
  readonly requests: PrivacyRequestRepository;
}

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
export const hex = (n: number) => n.toString(16).padStart(24, '0');
const ORG_A = 'a'.repeat(24);
const ORG_B = 'b'.repeat(24);

const request = (n: number, fields: Partial<PrivacyRequest> = {}): PrivacyRequest => ({
  ...createPrivacyRequest({
    id: hex(n),
    orgId: ORG_A,
    requestType: 'access',
    subjectType: 'caregiver',
    subjectId: hex(100 + n),
    requestedBy: hex(100 + n),
    now: at(n),
  }),
  ...fields,
});

/** The PrivacyRequestRepository contract every adapter passes. */
export const describePrivacyRequestRepositoryContract = (
  name: string,
  open: () => Promise<PrivacyRequestStores>,
): void => {
  describe(`PrivacyRequestRepository contract (${name})`, () => {
    let s: PrivacyRequestStores;
    beforeEach(async () => {
      s = await open();
    });

    it('round-trips every field, nested values and dates included', async () => {
      const denied = denyRequest(
        extendRequest(
          addNote(
            request(1, {
              requestType: 'correction',
              subjectType: 'patient',
              subjectId: hex(200),
              requestedBy: hex(300),
              informationRequested: 'Everything since 2025',
              correctionDetails: { field: 'email', requestedValue: null, reason: 'Moved' },
              externalRequestor: {
                name: 'Daughter',
                email: 'd@example.org',
                phone: '+16045550199',
                relationship: 'daughter',
                identityVerified: true,
                identityVerificationMethod: 'ID card',
              },
            }),
            hex(300),
            'Called back',
            at(2),
          ),
          'Backlog',
          at(3),
        ),
        'No ID',
        at(4),
      );
      const full = appealRequest(denied, hex(300), 'I have ID', at(5));
      await s.requests.insert(full);
      expect(await s.requests.findById(full.id)).toEqual(full);
      expect(await s.requests.findById(hex(99))).toBeNull();
      expect(await s.requests.findById('not-an-id')).toBeNull();
    });

    it('updates under compare-and-set on version and refuses a reused id', async () => {
      await s.requests.insert(request(1));
      const first = await s.requests.update({ ...request(1), status: 'processing', startedAt: at(9) });
      expect(first).toMatchObject({ status: 'processing', version: 1 });
      expect(await s.requests.findById(hex(1))).toEqual(first);
      await expect(s.requests.update({ ...request(1), status: 'denied' })).rejects.toMatchObject({
        reason: 'STALE_VERSION',
      });
      await expect(s.requests.insert(request(1))).rejects.toMatchObject({ id: 'DUPLICATE_ID' });
      expect((await s.requests.findById(hex(1)))?.status).toBe('processing');
    });

    it('lists by organisation, requester, subject, status and type, oldest first', async () => {
      await s.requests.insert(request(3));
      await s.requests.insert(request(1, { requestType: 'deletion', status: 'denied' }));
      await s.requests.insert(request(2, { orgId: ORG_B, requestedBy: hex(101) }));
      await s.requests.insert(request(4, { subjectType: 'patient', subjectId: hex(101), createdAt: at(3) }));
      const ids = async (query: Parameters<PrivacyRequestRepository['list']>[0]) =>
        (await s.requests.list(query)).map((r) => r.id);
      expect(await ids({})).toEqual([hex(1), hex(2), hex(3), hex(4)]);
      expect(await ids({ orgId: ORG_A })).toEqual([hex(1), hex(3), hex(4)]);
      expect(await ids({ requestedBy: hex(101) })).toEqual([hex(1), hex(2)]);
      expect(await ids({ subjectType: 'caregiver', subjectId: hex(101) })).toEqual([hex(1)]);
      expect(await ids({ subjectType: 'patient', subjectId: hex(101) })).toEqual([hex(4)]);
      expect(await ids({ orgId: ORG_A, status: 'denied' })).toEqual([hex(1)]);
      expect(await ids({ requestType: 'access', status: 'pending' })).toEqual([hex(2), hex(3), hex(4)]);
      expect(await ids({ orgId: 'not-an-id' })).toEqual([]);
      expect(await ids({ requestedBy: 'c'.repeat(24) })).toEqual([]);
    });

    it('joins the unit of work: a failed transaction leaves nothing behind', async () => {
      await s.requests.insert(request(1));
      await expect(
        s.uow.run(async () => {
          await s.requests.insert(request(2));
          await s.requests.update({ ...request(1), status: 'processing' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await s.requests.findById(hex(2))).toBeNull();
      expect((await s.requests.findById(hex(1)))?.status).toBe('pending');
    });
  });
};
