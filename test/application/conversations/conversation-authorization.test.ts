import type { Caregiver } from '../../../domain/identity/caregiver';
import type { Conversation } from '../../../domain/conversations/conversation';
import type { Patient } from '../../../domain/patients/patient';
import {
  CONVERSATION_NOT_FOUND,
  conversationEntries,
  createConversationWorld,
  DENIED,
  newestFirst,
  PATIENT_NOT_FOUND,
  type ConversationWorld,
} from './conversation-world';

/**
 * QUALITY.md S2 for the conversations context: every use-case against every caller the matrix of
 * API-CONTRACT.md §2.8 distinguishes ("Read ... conversations": assigned / own org / any; "Create manual
 * conversations; append manual messages": – / own org / any). Another organisation's record answers exactly like
 * a missing one; every refusal leaves an ACCESS_DENIED entry about a conversation and changes nothing.
 */
type Outcome = 'allow' | 'forbidden' | 'not-found';
type Target = { patient: Patient; conversation: Conversation };
type Run = (w: ConversationWorld, caller: Caregiver, target: Target) => Promise<unknown>;

const useCases: ReadonlyArray<readonly [string, Run, object]> = [
  [
    'listOfPatient',
    (w, c, t) =>
      w.h.conversations.listOfPatient.execute(
        w.h.scopeOf(c),
        { patientId: t.patient.id, ...newestFirst() },
        w.h.actorOf(c),
      ),
    PATIENT_NOT_FOUND,
  ],
  [
    'get',
    (w, c, t) => w.h.conversations.get.execute(w.h.scopeOf(c), t.conversation.id, w.h.actorOf(c)),
    CONVERSATION_NOT_FOUND,
  ],
  [
    'createManual',
    (w, c, t) => w.h.conversations.createManual.execute(w.h.scopeOf(c), t.patient.id, w.h.actorOf(c)),
    PATIENT_NOT_FOUND,
  ],
];

const matrix: ReadonlyArray<
  readonly [string, (w: ConversationWorld) => Caregiver, (w: ConversationWorld) => Target, readonly Outcome[]]
> = [
  [
    'staff, assigned patient',
    (w) => w.staffA,
    (w) => ({ patient: w.assigned, conversation: w.callOfAssigned }),
    ['allow', 'allow', 'forbidden'],
  ],
  [
    'staff, unassigned patient of the own org',
    (w) => w.staffA2,
    (w) => ({ patient: w.assigned, conversation: w.callOfAssigned }),
    ['forbidden', 'forbidden', 'forbidden'],
  ],
  [
    'staff, patient of another org',
    (w) => w.staffA,
    (w) => ({ patient: w.patientB, conversation: w.callOfB }),
    ['not-found', 'not-found', 'not-found'],
  ],
  [
    'orgAdmin, unassigned patient of the own org',
    (w) => w.adminA,
    (w) => ({ patient: w.unassignedA, conversation: w.callOfUnassigned }),
    ['allow', 'allow', 'allow'],
  ],
  [
    'orgAdmin, patient of another org',
    (w) => w.adminA,
    (w) => ({ patient: w.patientB, conversation: w.callOfB }),
    ['not-found', 'not-found', 'not-found'],
  ],
  [
    'superAdmin, any org',
    (w) => w.superAdmin,
    (w) => ({ patient: w.patientB, conversation: w.callOfB }),
    ['allow', 'allow', 'allow'],
  ],
];

describe('conversation authorization matrix (§2.8)', () => {
  for (const [label, callerOf, targetOf, outcomes] of matrix) {
    useCases.forEach(([name, run, missing], index) => {
      const outcome = outcomes[index];
      it(`${label}: ${name} -> ${outcome}`, async () => {
        const w = await createConversationWorld();
        const caller = callerOf(w);
        const target = targetOf(w);
        const before = await w.h.conversations.ports.conversations.findById(target.conversation.id);
        const promise = run(w, caller, target);
        if (outcome === 'allow') {
          await expect(promise).resolves.toBeDefined();
          expect(conversationEntries(w.h, 'ACCESS_DENIED')).toHaveLength(0);
          return;
        }
        await expect(promise).rejects.toMatchObject(outcome === 'forbidden' ? DENIED : missing);
        const denials = conversationEntries(w.h, 'ACCESS_DENIED');
        expect(denials).toHaveLength(1);
        expect(denials[0]).toMatchObject({
          outcome: 'denied',
          actorId: caller.id,
          orgId: target.patient.orgId,
          details: expect.objectContaining({ requiresReview: true }),
        });
        if (outcome === 'forbidden') expect(denials[0]?.patientIds).toEqual([target.patient.id]);
        else expect(denials[0]?.patientIds).toBeUndefined();
        expect(conversationEntries(w.h, 'READ')).toHaveLength(0);
        expect(conversationEntries(w.h, 'CREATE')).toHaveLength(0);
        expect(await w.h.conversations.ports.conversations.findById(target.conversation.id)).toEqual(before);
      });
    });
  }

  it('records the rule of a staff refusal as not_assigned', async () => {
    const w = await createConversationWorld();
    await expect(
      w.h.conversations.get.execute(w.h.scopeOf(w.staffA), w.callOfUnassigned.id, w.h.actorOf(w.staffA)),
    ).rejects.toMatchObject(DENIED);
    expect(conversationEntries(w.h, 'ACCESS_DENIED')[0]?.details).toMatchObject({
      capability: 'conversation.read',
      rule: 'not_assigned',
    });
  });

  it('answers an unknown conversation and an unknown patient with 404 and no audit entry', async () => {
    const w = await createConversationWorld();
    const unknown = w.h.ports.ids.next();
    await expect(
      w.h.conversations.get.execute(w.h.scopeOf(w.adminA), unknown, w.h.actorOf(w.adminA)),
    ).rejects.toMatchObject(CONVERSATION_NOT_FOUND);
    await expect(
      w.h.conversations.listOfPatient.execute(
        w.h.scopeOf(w.adminA),
        { patientId: unknown, ...newestFirst() },
        w.h.actorOf(w.adminA),
      ),
    ).rejects.toMatchObject(PATIENT_NOT_FOUND);
    expect(conversationEntries(w.h, 'ACCESS_DENIED')).toHaveLength(0);
  });

  it('lets only admins append manual messages: staff 403, other org 404', async () => {
    const w = await createConversationWorld();
    const manualA = await w.h.newManual(w.assigned);
    const manualB = await w.h.newManual(w.patientB);
    const append = (caller: Caregiver, conversation: Conversation) =>
      w.h.conversations.appendManual.execute(
        w.h.scopeOf(caller),
        conversation.id,
        { role: 'system', content: 'Note' },
        w.h.actorOf(caller),
      );
    await expect(append(w.staffA, manualA)).rejects.toMatchObject(DENIED);
    await expect(append(w.adminA, manualB)).rejects.toMatchObject(CONVERSATION_NOT_FOUND);
    await expect(append(w.adminA, manualA)).resolves.toMatchObject({ id: manualA.id });
    await expect(append(w.superAdmin, manualB)).resolves.toMatchObject({ id: manualB.id });
    expect(conversationEntries(w.h, 'ACCESS_DENIED').map((e) => e.details['rule'])).toEqual(['role', 'other_org']);
  });
});
