import { activate, createCaregiver, mfaGraceEndsAt, type Caregiver } from '../../domain/identity/caregiver';
import {
  authorize,
  INVITABLE_ROLES,
  type AccessScope,
  type ActiveRole,
  type IntendedRole,
} from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { conflict, DomainError, forbidden, RateLimitedError } from '../../domain/shared/errors';
import { audit } from './audit-trail';
import { caregiverNotFound, invalid, inviteTokenInvalid, orgNotFound } from './identity-errors';
import { IdentityMail } from './identity-mail';
import type { IdentityPorts } from './identity-ports';
import { issueOneTimeToken, lookUpOneTimeToken } from './one-time-tokens';
import { hashNewPassword, withPassword } from './password-rules';
import { SessionIssuer, type AuthTokens } from './session-issuer';
import { loadCaregiverView, type CaregiverView } from './views';

export interface InviteInput {
  readonly orgId: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly role: IntendedRole;
}

export interface AcceptInviteInput {
  readonly token: string;
  readonly email: string;
  readonly password: string;
  readonly name: string;
  readonly phone: string;
}

/** Invitations (DOMAIN.md §2.4.6): invite or re-send, read an invitation, accept it. */
export class Invitations {
  private readonly mail: IdentityMail;
  private readonly issuer: SessionIssuer;

  constructor(private readonly ports: IdentityPorts) {
    this.mail = new IdentityMail(ports);
    this.issuer = new SessionIssuer(ports);
  }

  async invite(scope: AccessScope, input: InviteInput, actor: Actor): Promise<CaregiverView> {
    const { orgs, caregivers, uow, clock, ids, rateLimiter } = this.ports;
    const decision = authorize(scope, 'caregiver.invite', { orgId: input.orgId });
    if (decision === 'not-found') throw orgNotFound();
    if (decision === 'forbidden' || !INVITABLE_ROLES[scope.role].includes(input.role)) {
      await audit(
        this.ports,
        actor,
        'ACCESS_DENIED',
        'denied',
        { type: 'org', id: input.orgId, orgId: input.orgId },
        { capability: 'caregiver.invite' },
      );
      throw forbidden();
    }
    const org = await orgs.findById(input.orgId);
    if (org === null) throw orgNotFound();
    const limit = await rateLimiter.consume('invites', org.id);
    if (limit.limited) throw new RateLimitedError(limit.retryAfterSeconds);

    const invited = await uow.run(async () => {
      const now = clock.now();
      const existing = await caregivers.findByEmail(input.email);
      if (existing !== null) {
        if (existing.role !== 'invited')
          throw conflict('CAREGIVER_EXISTS', 'Caregiver already exists', 'CAREGIVER_EXISTS');
        if (existing.orgId !== org.id)
          throw conflict('CAREGIVER_ALREADY_INVITED', 'Caregiver already invited', 'CAREGIVER_EXISTS');
        return caregivers.update({
          ...existing,
          name: input.name,
          phone: input.phone,
          intendedRole: input.role,
          updatedAt: now,
        });
      }
      if (await caregivers.isEmailTaken(input.email))
        throw conflict('CAREGIVER_EXISTS', 'Caregiver already exists', 'CAREGIVER_EXISTS');
      const created = createCaregiver({
        id: ids.next(),
        orgId: org.id,
        name: input.name,
        email: input.email,
        phone: input.phone,
        role: 'invited',
        intendedRole: input.role,
        passwordHash: null,
        isEmailVerified: false,
        now,
      });
      await caregivers.insert(created);
      return created;
    });
    const token = await issueOneTimeToken(this.ports, invited, 'invite', {
      intendedRole: input.role,
      invitedBy: scope.caregiverId,
    });
    await audit(
      this.ports,
      actor,
      'CAREGIVER_INVITED',
      'success',
      { type: 'caregiver', id: invited.id, orgId: org.id },
      { role: input.role },
    );
    await this.mail.send(this.mail.invite(input.email, input.name, org.name, token), 'invite');
    return loadCaregiverView(this.ports, invited);
  }

  /** Name, e-mail and phone of the invitee, to pre-fill the sign-up form. */
  async info(token: string): Promise<{ caregiver: Caregiver; expiresAt: Date }> {
    const lookup = await lookUpOneTimeToken(this.ports, token, ['invite']);
    if (!lookup.ok) throw inviteTokenInvalid(lookup.problem);
    const caregiver = await this.ports.caregivers.findById(lookup.token.caregiverId);
    if (caregiver === null || caregiver.role !== 'invited') throw inviteTokenInvalid('USED');
    return { caregiver, expiresAt: lookup.token.expiresAt };
  }

  async accept(
    input: AcceptInviteInput,
    actor: Actor,
  ): Promise<{ caregiver: CaregiverView; tokens: AuthTokens; graceEndsAt: Date | null }> {
    const { uow, caregivers, tokens, clock } = this.ports;
    const { caregiver: invited } = await this.info(input.token);
    if (invited.email !== input.email) throw invalid('INVITE_EMAIL_MISMATCH', 'Email does not match the invite');
    const hash = await hashNewPassword(this.ports, input.password);
    const lookup = await lookUpOneTimeToken(this.ports, input.token, ['invite']);
    if (!lookup.ok) throw inviteTokenInvalid(lookup.problem);

    const activated = await uow.run(async () => {
      const now = clock.now();
      const current = await caregivers.findById(invited.id);
      if (current === null || current.role !== 'invited') throw inviteTokenInvalid('USED');
      const next = activate(
        { ...withPassword(current, hash, now), name: input.name, phone: input.phone, isPhoneVerified: false },
        now,
      );
      const saved = await caregivers.update(next);
      await tokens.markUsed(lookup.token.id, now);
      await tokens.revokeUnused(saved.id, 'invite', now);
      await audit(
        this.ports,
        actor,
        'CONSENT_RECORDED',
        'success',
        { type: 'caregiver', id: saved.id, orgId: saved.orgId },
        { consent: 'collection', via: 'invite' },
      );
      await audit(
        this.ports,
        actor,
        'INVITE_ACCEPTED',
        'success',
        { type: 'caregiver', id: saved.id, orgId: saved.orgId },
        { role: saved.role },
      );
      return saved;
    });
    if (activated.role === 'invited' || activated.role === 'unverified')
      throw new DomainError('INVITE_ACTIVATION_FAILED', 'conflict', 'Invitation could not be accepted');
    const active = activated as Caregiver & { role: ActiveRole };
    const issued = await this.issuer.open(active, 'invite', false, actor);
    return {
      caregiver: await loadCaregiverView(this.ports, active),
      tokens: issued,
      graceEndsAt: mfaGraceEndsAt(active, this.ports.policy),
    };
  }

  /** `PATCH /orgs/:id/verify-invite/:token`: checks an invitation of that org without changing anything. */
  async check(scope: AccessScope, orgId: string, token: string): Promise<{ caregiver: Caregiver; expiresAt: Date }> {
    const decision = authorize(scope, 'caregiver.invite', { orgId });
    if (decision === 'not-found') throw orgNotFound();
    if (decision === 'forbidden') throw forbidden();
    const found = await this.info(token);
    if (found.caregiver.orgId !== orgId) throw caregiverNotFound();
    return found;
  }
}
