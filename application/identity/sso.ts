import {
  activeLock,
  createCaregiver,
  lockMinutesRemaining,
  mfaEnrollmentOverdue,
  mfaGraceEndsAt,
  type Caregiver,
} from '../../domain/identity/caregiver';
import { createOrg } from '../../domain/identity/org';
import type { ActiveRole } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { conflict, DomainError } from '../../domain/shared/errors';
import type { SsoProvider, VerifiedIdentity } from '../ports/id-token-verifier';
import { audit } from './audit-trail';
import { accountLocked, mfaEnrollmentRequired, mfaInvalid } from './identity-errors';
import type { IdentityPorts } from './identity-ports';
import { checkMfaCode } from './mfa-code-check';
import { SecurityEvents } from './security-events';
import { SessionIssuer } from './session-issuer';
import { loadLoginPayload, type LoginPayload } from './views';

export type SsoLoginResult =
  | { readonly kind: 'mfa-required'; readonly tempToken: string }
  | { readonly kind: 'signed-in'; readonly payload: LoginPayload };

const notConfigured = (): DomainError =>
  new DomainError('SSO_NOT_CONFIGURED', 'not-configured', 'SSO is not configured', { reason: 'NOT_CONFIGURED' });

const rejected = (): DomainError =>
  new DomainError('SSO_TOKEN_REJECTED', 'forbidden', 'SSO sign-in failed: the identity token could not be verified');

/**
 * SSO with a provider ID token (DOMAIN.md §2.4.8): the token is verified against the provider's keys and
 * nothing in the request body is trusted. No automatic linking to an existing password account.
 */
export class SsoSignIn {
  private readonly issuer: SessionIssuer;
  private readonly security: SecurityEvents;

  constructor(private readonly ports: IdentityPorts) {
    this.issuer = new SessionIssuer(ports);
    this.security = new SecurityEvents(ports);
  }

  async verify(provider: SsoProvider, idToken: string): Promise<VerifiedIdentity> {
    if (!this.ports.idTokens.isConfigured(provider)) throw notConfigured();
    const identity = await this.ports.idTokens.verify(provider, idToken, this.ports.clock.now());
    if (identity === null) throw rejected();
    if (!identity.emailVerified)
      throw new DomainError(
        'SSO_EMAIL_UNVERIFIED',
        'forbidden',
        'The identity provider has not verified this email address',
      );
    return identity;
  }

  async login(
    provider: SsoProvider,
    idToken: string,
    mfaToken: string | undefined,
    actor: Actor,
  ): Promise<SsoLoginResult> {
    const identity = await this.verify(provider, idToken);
    let caregiver = await this.ports.caregivers.findBySsoIdentity(provider, identity.subject);
    if (caregiver === null) {
      if (
        (await this.ports.caregivers.isEmailTaken(identity.email)) ||
        (await this.ports.orgs.findByEmail(identity.email))
      ) {
        throw conflict(
          'SSO_LINK_REQUIRED',
          'An account with this email already exists. Sign in with your password, then link single sign-on.',
          'SSO_LINK_REQUIRED',
        );
      }
      caregiver = await this.provision(identity, actor);
    }
    const now = this.ports.clock.now();
    const org = await this.ports.orgs.findById(caregiver.orgId);
    if (org === null || caregiver.role === 'invited' || caregiver.role === 'unverified') throw rejected();
    const lock = activeLock(caregiver, now);
    if (lock !== null) throw accountLocked(lockMinutesRemaining(lock, now));
    if (caregiver.mfa.enabled) {
      if (mfaToken === undefined || mfaToken.trim() === '')
        return { kind: 'mfa-required', tempToken: this.ports.random.token() };
      const checked = checkMfaCode(this.ports, caregiver, mfaToken, now);
      if (checked === null) {
        await this.security.failedLogin(caregiver, actor, 'mfa');
        throw mfaInvalid();
      }
      caregiver = await this.ports.caregivers.update(checked.caregiver);
    }
    if (mfaEnrollmentOverdue(caregiver, now, this.ports.policy)) throw mfaEnrollmentRequired();
    const saved = (await this.ports.caregivers.update({
      ...caregiver,
      lastLoginAt: now,
      failedLogins: { count: 0, windowStartedAt: null },
      updatedAt: now,
    })) as Caregiver & {
      role: ActiveRole;
    };
    const tokens = await this.issuer.open(saved, 'sso', saved.mfa.enabled, actor);
    await audit(
      this.ports,
      actor,
      'LOGIN',
      'success',
      { type: 'caregiver', id: saved.id, orgId: saved.orgId },
      { method: 'sso', provider },
    );
    return {
      kind: 'signed-in',
      payload: await loadLoginPayload(this.ports, saved, tokens, mfaGraceEndsAt(saved, this.ports.policy)),
    };
  }

  private provision(identity: VerifiedIdentity, actor: Actor): Promise<Caregiver> {
    const { uow, ids, clock, orgs, caregivers } = this.ports;
    return uow.run(async () => {
      const now = clock.now();
      const name = identity.name.trim() === '' ? identity.email : identity.name.trim().slice(0, 100);
      const org = createOrg({
        id: ids.next(),
        name: `${name}'s Organization`.slice(0, 100),
        email: identity.email,
        phone: null,
        now,
      });
      const created = createCaregiver({
        id: ids.next(),
        orgId: org.id,
        name,
        email: identity.email,
        phone: null,
        role: 'orgAdmin',
        intendedRole: null,
        passwordHash: null,
        isEmailVerified: true,
        now,
      });
      const caregiver: Caregiver = {
        ...created,
        avatar: identity.picture,
        ssoIdentities: [
          { provider: identity.provider, subject: identity.subject, emailAtLink: identity.email, linkedAt: now },
        ],
      };
      await orgs.insert(org);
      await caregivers.insert(caregiver);
      await audit(
        this.ports,
        actor,
        'CONSENT_RECORDED',
        'success',
        { type: 'caregiver', id: caregiver.id, orgId: org.id },
        { consent: 'collection', via: 'sso' },
      );
      await audit(
        this.ports,
        actor,
        'SSO_ACCOUNT_PROVISIONED',
        'success',
        { type: 'caregiver', id: caregiver.id, orgId: org.id },
        { provider: identity.provider },
      );
      return caregiver;
    });
  }
}
