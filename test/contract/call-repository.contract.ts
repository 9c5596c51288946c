import { createCall, type Call } from '../../domain/calls/call';
import { applyCallEvent } from '../../domain/calls/call-transitions';
import type { CallRepository } from '../../application/ports/call-repository';
import type { UnitOfWork } from '../../application/ports/unit-of-work';

/** What the call contract needs from a persistence target: the port over one empty database. */
export interface CallStores {
  readonly uow: UnitOfWork;
  readonly calls: CallRepository;
}

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const hex = (n: number) => n.toString(16).padStart(24, '0');
const ORG = 'a'.repeat(24);

const call = (n: number, fields: Partial<Call> = {}): Call => ({
  ...createCall({
    id: hex(n),
    orgId: ORG,
    patientId: hex(1000 + n),
    conversationId: hex(2000 + n),
    trigger: 'on_demand',
    telephonyProvider: 'simulated',
    now: at(n),
    initiatedBy: hex(3000),
  }),
  ...fields,
});

const ended = (c: Call): Call => {
  const result = applyCallEvent(c, { type: 'cancel', at: at(500) });
  if (result.kind !== 'applied') throw new Error('cannot cancel');
  return result.call;
};

/** The CallRepository contract every adapter passes (memory, Mongo on the wire server and on a real MongoDB). */
export const describeCallRepositoryContract = (name: string, open: () => Promise<CallStores>): void => {
  describe(`CallRepository contract (${name})`, () => {
    let s: CallStores;
    beforeEach(async () => {
      s = await open();
    });

    it('round-trips every field, by id and by reserved conversation id', async () => {
      const full = call(1, {
        trigger: 'retry',
        scheduleId: hex(4000),
        occurrenceAt: at(90),
        attempt: 2,
        originalCallId: hex(5000),
        maxRetries: 3,
        retryScheduledAt: at(95),
        callNotes: 'notes',
        endNotes: 'end',
        reportedOutcome: 'busy',
        reports: [{ caregiverId: hex(3000), status: 'ended', outcome: 'busy', notes: 'n', at: at(99) }],
        status: 'completed',
        outcome: 'answered',
        endReason: 'agent_goodbye',
        failureCode: 'SIP 200',
        answeredBy: 'unknown',
        providerCallRef: 'leg-7',
        dialingAt: at(2),
        ringingAt: at(3),
        answeredAt: at(4),
        agentConnectedAt: at(5),
        endedAt: at(70),
        lastPatientSpeechAt: at(60),
        durationSeconds: 66,
        billableSeconds: 66,
        costMillicents: 11_000,
        lineItemId: hex(6000),
        version: 4,
      });
      await s.calls.insert(full);
      expect(await s.calls.findById(full.id)).toEqual(full);
      expect(await s.calls.findByConversationId(full.conversationId)).toEqual(full);
      expect(await s.calls.findById(hex(99))).toBeNull();
      expect(await s.calls.findById('not-an-id')).toBeNull();
      expect(await s.calls.findByConversationId(full.id)).toBeNull();
    });

    it('updates under compare-and-set on version', async () => {
      await s.calls.insert(call(1));
      const saved = await s.calls.update({ ...call(1), status: 'dialing', dialingAt: at(2) });
      expect(saved.version).toBe(2);
      await expect(s.calls.update({ ...call(1), status: 'cancelled' })).rejects.toMatchObject({
        reason: 'STALE_VERSION',
      });
      expect((await s.calls.findById(hex(1)))?.status).toBe('dialing');
    });

    it('keeps one non-terminal call per patient; an ended one frees the patient', async () => {
      await s.calls.insert(call(1));
      const second = call(2, { patientId: call(1).patientId, conversationId: hex(2999) });
      await expect(s.calls.insert(second)).rejects.toMatchObject({
        id: 'CALL_IN_PROGRESS',
        reason: 'CALL_IN_PROGRESS',
      });
      expect((await s.calls.findActiveByPatient(call(1).patientId))?.id).toBe(hex(1));
      await s.calls.update(ended(call(1)));
      expect(await s.calls.findActiveByPatient(call(1).patientId)).toBeNull();
      await s.calls.insert(second);
      expect((await s.calls.findActiveByPatient(call(1).patientId))?.id).toBe(hex(2));
    });

    it('refuses a second call for the same occurrence and attempt; other attempts are fine', async () => {
      const scheduled = (n: number, attempt: number) =>
        call(n, { trigger: 'scheduled', scheduleId: hex(4000), occurrenceAt: at(60), attempt, status: 'completed' });
      await s.calls.insert(scheduled(1, 0));
      await expect(s.calls.insert(scheduled(2, 0))).rejects.toMatchObject({ id: 'DUPLICATE_OCCURRENCE' });
      await s.calls.insert(scheduled(3, 1));
      await expect(s.calls.insert(call(1))).rejects.toMatchObject({ id: 'DUPLICATE_ID' });
    });

    it("lists by status oldest first, counts, and lists a caregiver's unfinished calls newest first", async () => {
      await s.calls.insert(call(3));
      await s.calls.insert(call(1));
      await s.calls.insert(call(2, { status: 'ringing' }));
      await s.calls.insert(call(4, { status: 'completed', initiatedBy: hex(3000) }));
      await s.calls.insert(call(5, { initiatedBy: hex(3001) }));
      expect((await s.calls.listByStatus(['queued'], 10)).map((c) => c.id)).toEqual([hex(1), hex(3), hex(5)]);
      expect((await s.calls.listByStatus(['queued'], 2)).map((c) => c.id)).toEqual([hex(1), hex(3)]);
      expect(await s.calls.countByStatus(['queued', 'ringing'])).toBe(4);
      expect(await s.calls.countByStatus([])).toBe(0);
      expect((await s.calls.listActiveInitiatedBy(hex(3000), 10)).map((c) => c.id)).toEqual([hex(3), hex(2), hex(1)]);
      expect((await s.calls.listActiveInitiatedBy(hex(3000), 1)).map((c) => c.id)).toEqual([hex(3)]);
    });

    it('joins the transaction: a failed unit of work leaves no call behind', async () => {
      await expect(
        s.uow.run(async () => {
          await s.calls.insert(call(1));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await s.calls.findById(hex(1))).toBeNull();
    });
  });
};
