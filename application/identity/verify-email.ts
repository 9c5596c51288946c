import { activate, activeLock, mfaGraceEndsAt, type Caregiver } from '../../domain/identity/caregiver';
import type { ActiveRole } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { audit } from './audit-trail';
import { caregiverNotFound, emailTaken, verificationTokenInvalid } from './identity-errors';
import type { IdentityPorts } from './identity-ports';
import { lookUpOneTimeToken } from './one-time-tokens';
import { SessionIssuer } from './session-issuer';
import { loadLoginPayload, type LoginPayload } from './views';

export type VerifyEmailResult =
  | { readonly kind: 'verified'; readonly payload: LoginPayload | null }
  | { readonly kind: 'email-changed' }
  | { readonly kind: 'already-verified' };

/** Consumes a verify-email or change-email token (API-CONTRACT.md §4.1 "verify-email outcomes"). */
export class VerifyEmail {
  private readonly issuer: SessionIssuer;

  constructor(private readonly ports: IdentityPorts) {
    this.issuer = new SessionIssuer(ports);
  }

  async execute(plainToken: string, actor: Actor): Promise<VerifyEmailResult> {
    const lookup = await lookUpOneTimeToken(this.ports, plainToken, ['verifyEmail', 'changeEmail']);
    if (!lookup.ok) {
      if (lookup.token !== null && lookup.problem !== 'UNKNOWN') {
        const owner = await this.ports.caregivers.findById(lookup.token.caregiverId);
        if (owner !== null && owner.isEmailVerified && owner.role !== 'unverified') return { kind: 'already-verified' };
      }
      throw verificationTokenInvalid(lookup.problem);
    }
    const token = lookup.token;
    if (token.type === 'changeEmail')
      return this.changeEmail(token.id, token.caregiverId, token.data['newEmail'] ?? '', actor);

    const verified = await this.ports.uow.run(async () => {
      const now = this.ports.clock.now();
      const caregiver = await this.ports.caregivers.findById(token.caregiverId);
      if (caregiver === null) throw caregiverNotFound();
      const saved = await this.ports.caregivers.update(activate(caregiver, now));
      const org = await this.ports.orgs.findById(saved.orgId);
      if (org !== null && org.email === saved.email && !org.isEmailVerified) {
        await this.ports.orgs.update({ ...org, isEmailVerified: true, updatedAt: now });
      }
      await this.ports.tokens.markUsed(token.id, now);
      await audit(this.ports, actor, 'EMAIL_VERIFIED', 'success', {
        type: 'caregiver',
        id: saved.id,
        orgId: saved.orgId,
      });
      return saved;
    });
    return { kind: 'verified', payload: await this.maybeSignIn(verified, actor) };
  }

  private async maybeSignIn(caregiver: Caregiver, actor: Actor): Promise<LoginPayload | null> {
    const now = this.ports.clock.now();
    if (caregiver.mfa.enabled || activeLock(caregiver, now) !== null) return null;
    if (caregiver.role !== 'staff' && caregiver.role !== 'orgAdmin' && caregiver.role !== 'superAdmin') return null;
    const active = caregiver as Caregiver & { role: ActiveRole };
    const tokens = await this.issuer.open(active, 'email_verification', false, actor);
    return loadLoginPayload(this.ports, active, tokens, mfaGraceEndsAt(active, this.ports.policy));
  }

  private async changeEmail(
    tokenId: string,
    caregiverId: string,
    newEmail: string,
    actor: Actor,
  ): Promise<VerifyEmailResult> {
    const { uow, caregivers, tokens, sessions, clock } = this.ports;
    await uow.run(async () => {
      const now = clock.now();
      const caregiver = await caregivers.findById(caregiverId);
      if (caregiver === null) throw caregiverNotFound();
      if (await caregivers.isEmailTaken(newEmail, caregiver.id)) throw emailTaken();
      await caregivers.update({ ...caregiver, email: newEmail, pendingEmail: null, updatedAt: now });
      await tokens.markUsed(tokenId, now);
      await audit(this.ports, actor, 'EMAIL_CHANGED', 'success', {
        type: 'caregiver',
        id: caregiver.id,
        orgId: caregiver.orgId,
      });
    });
    await sessions.revokeAllOf(caregiverId, 'admin', clock.now());
    return { kind: 'email-changed' };
  }
}
