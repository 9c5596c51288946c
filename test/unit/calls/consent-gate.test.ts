import { CALL_CONSENT_WITHDRAWN, ConsentGate, isCallConsentWithdrawn } from '../../../application/calls/consent-gate';
import type { CallConsents, CallConsentType } from '../../../application/ports/call-consents';
import { grantConsent, withdrawConsent } from '../../../domain/privacy/consent';
import { ConsentService } from '../../../application/privacy/consent-service';
import { DomainError } from '../../../domain/shared/errors';
import { InMemoryConsentRepository } from '../../../adapters/persistence/memory/in-memory-consent-repository';
import { MemoryDatabase } from '../../../adapters/persistence/memory/memory-database';

/** API-CONTRACT.md §6.3 consent effects: withdrawing `recording` or `transcription` stops calls. */
const PATIENT = 'b'.repeat(24);

class FakeConsents implements CallConsents {
  readonly withdrawn = new Set<CallConsentType>();
  readonly asked: CallConsentType[] = [];
  fail = false;
  patientConsentWithdrawn(patientId: string, type: CallConsentType): Promise<boolean> {
    this.asked.push(type);
    if (this.fail) return Promise.reject(new Error('consent store down'));
    return Promise.resolve(patientId === PATIENT && this.withdrawn.has(type));
  }
}

const refusalOf = async (gate: ConsentGate): Promise<DomainError> => {
  try {
    await gate.assertCallAllowed(PATIENT);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the call was allowed');
};

describe('ConsentGate', () => {
  let consents: FakeConsents;
  let gate: ConsentGate;

  beforeEach(() => {
    consents = new FakeConsents();
    gate = new ConsentGate(consents);
  });

  it('allows a call when no call consent was withdrawn', async () => {
    await expect(gate.assertCallAllowed(PATIENT)).resolves.toBeUndefined();
    expect(consents.asked).toEqual(['recording', 'transcription']);
  });

  it.each(['recording', 'transcription'] as const)('refuses with a 409 when %s consent was withdrawn', async (type) => {
    consents.withdrawn.add(type);

    const refusal = await refusalOf(gate);

    expect(refusal).toMatchObject({ id: CALL_CONSENT_WITHDRAWN, kind: 'conflict', reason: undefined });
    expect(refusal.message).toBe(`Calls to this patient are stopped: consent to call ${type} was withdrawn`);
    expect(isCallConsentWithdrawn(refusal)).toBe(true);
  });

  it('names recording first when both were withdrawn', async () => {
    consents.withdrawn.add('transcription');
    consents.withdrawn.add('recording');

    expect(await gate.withdrawnConsent(PATIENT)).toBe('recording');
  });

  it('places no call while the consent answer is unknown', async () => {
    consents.fail = true;

    await expect(gate.assertCallAllowed(PATIENT)).rejects.toThrow('consent store down');
  });

  it('does not mistake other errors for a consent refusal', () => {
    expect(isCallConsentWithdrawn(new DomainError('CALL_IN_PROGRESS', 'conflict', 'busy'))).toBe(false);
    expect(isCallConsentWithdrawn(new Error('x'))).toBe(false);
  });

  it('works over the privacy context’s ConsentService', async () => {
    const repo = new InMemoryConsentRepository(new MemoryDatabase());
    const service = new ConsentService(repo);
    const real = new ConsentGate(service);
    const now = new Date('2026-06-01T12:00:00.000Z');
    const granted = grantConsent({
      id: 'e'.repeat(24),
      orgId: 'a'.repeat(24),
      subjectType: 'patient',
      subjectId: PATIENT,
      consentType: 'transcription',
      purpose: 'wellness calls',
      recordedBy: 'f'.repeat(24),
      now,
    });
    await repo.insert(granted);
    await expect(real.assertCallAllowed(PATIENT)).resolves.toBeUndefined();

    await repo.update(withdrawConsent(granted, 'f'.repeat(24), 'patient asked', now));

    await expect(real.assertCallAllowed(PATIENT)).rejects.toMatchObject({ id: CALL_CONSENT_WITHDRAWN });
  });
});
