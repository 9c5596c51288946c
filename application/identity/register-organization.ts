import { createCaregiver, type Caregiver } from '../../domain/identity/caregiver';
import { createOrg } from '../../domain/identity/org';
import type { Actor } from '../../domain/shared/actor';
import { audit } from './audit-trail';
import { invalid } from './identity-errors';
import type { IdentityPorts } from './identity-ports';
import { hashNewPassword } from './password-rules';
import { sendVerificationIfDue } from './send-verification';

export interface RegisterInput {
  readonly name: string;
  /** Normalised e-mail. */
  readonly email: string;
  readonly password: string;
  /** E.164 phone. */
  readonly phone: string;
}

/**
 * Self-registration: an org and its unverified first admin in one transaction, then the verification e-mail.
 * No session: tokens would sign an unverified user in (API-CONTRACT.md §4.1).
 */
export class RegisterOrganization {
  constructor(private readonly ports: IdentityPorts) {}

  async execute(input: RegisterInput, actor: Actor): Promise<Caregiver> {
    const { uow, orgs, caregivers, ids, clock } = this.ports;
    const ensureFree = async (): Promise<void> => {
      if (await orgs.findByEmail(input.email)) throw invalid('ORG_EMAIL_TAKEN', 'Org Email already taken');
      if (await caregivers.isEmailTaken(input.email))
        throw invalid('CAREGIVER_EMAIL_TAKEN', 'Caregiver Email already taken');
    };
    // The address checks come before the password policy (the app's suite expects them first), and again
    // inside the transaction, because hashing takes long enough for a concurrent registration to slip in.
    await ensureFree();
    const passwordHash = await hashNewPassword(this.ports, input.password);
    const caregiver = await uow.run(async () => {
      await ensureFree();
      const now = clock.now();
      const org = createOrg({ id: ids.next(), name: input.name, email: input.email, phone: input.phone, now });
      const created = createCaregiver({
        id: ids.next(),
        orgId: org.id,
        name: input.name,
        email: input.email,
        phone: input.phone,
        role: 'unverified',
        intendedRole: 'orgAdmin',
        passwordHash,
        isEmailVerified: false,
        now,
      });
      await orgs.insert(org);
      await caregivers.insert(created);
      await audit(
        this.ports,
        actor,
        'CONSENT_RECORDED',
        'success',
        { type: 'caregiver', id: created.id, orgId: org.id },
        { consent: 'collection', via: 'registration' },
      );
      await audit(this.ports, actor, 'ORG_REGISTERED', 'success', { type: 'org', id: org.id, orgId: org.id });
      return created;
    });
    await sendVerificationIfDue(this.ports, caregiver);
    return caregiver;
  }
}
