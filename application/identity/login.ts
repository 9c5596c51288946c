import {
  activeLock,
  lockMinutesRemaining,
  mfaEnrollmentOverdue,
  mfaGraceEndsAt,
  passwordExpired,
  type Caregiver,
} from '../../domain/identity/caregiver';
import { addMs, minutes } from '../../domain/identity/identity-policy';
import type { ActiveRole } from '../../domain/identity/roles';
import { normalizeEmail } from '../../domain/shared/contact';
import type { Actor } from '../../domain/shared/actor';
import { audit } from './audit-trail';
import {
  accountLocked,
  emailNotVerified,
  invalidCredentials,
  mfaEnrollmentRequired,
  mfaInvalid,
  passwordExpiredError,
  ssoPasswordNotSet,
} from './identity-errors';
import { IdentityMail } from './identity-mail';
import type { IdentityPorts } from './identity-ports';
import { checkMfaCode } from './mfa-code-check';
import { modifyCaregiver } from './modify-caregiver';
import { SecurityEvents } from './security-events';
import { SessionIssuer } from './session-issuer';
import { issueOneTimeToken } from './one-time-tokens';
import { loadLoginPayload, type LoginPayload } from './views';
import { sendVerificationIfDue } from './send-verification';

export interface LoginInput {
  readonly email: string;
  readonly password: string;
  readonly mfaToken?: string;
}

export type LoginResult =
  | { readonly kind: 'mfa-required'; readonly tempToken: string }
  | { readonly kind: 'signed-in'; readonly payload: LoginPayload };

/**
 * Password login, checks in the order of RESOLUTIONS.md 1: account lock before the password (a locked account
 * reveals nothing), and the admin MFA-enrolment and password-expiry refusals only after a successful second
 * factor, so a correct password is never confirmed to someone who has not passed MFA. Rate limits run in the
 * HTTP adapter's auth throttle before this use-case.
 */
export class Login {
  private readonly issuer: SessionIssuer;
  private readonly security: SecurityEvents;
  private readonly mail: IdentityMail;

  constructor(private readonly ports: IdentityPorts) {
    this.issuer = new SessionIssuer(ports);
    this.security = new SecurityEvents(ports);
    this.mail = new IdentityMail(ports);
  }

  async execute(input: LoginInput, actor: Actor): Promise<LoginResult> {
    const { caregivers, orgs, passwords, clock, policy } = this.ports;
    const found = await caregivers.findByEmail(normalizeEmail(input.email));
    const org = found === null ? null : await orgs.findById(found.orgId);
    if (found === null || org === null || (found.role === 'invited' && found.passwordHash === null)) {
      await passwords.dummyVerify(input.password);
      await audit(
        this.ports,
        actor,
        'LOGIN_FAILED',
        'failure',
        { type: 'caregiver', id: null, orgId: null },
        { reason: 'UNKNOWN_ACCOUNT' },
      );
      throw invalidCredentials();
    }
    let caregiver: Caregiver = found;
    const now = clock.now();

    const lock = activeLock(caregiver, now);
    if (lock !== null) {
      await audit(
        this.ports,
        actor,
        'LOGIN_FAILED',
        'denied',
        { type: 'caregiver', id: caregiver.id, orgId: caregiver.orgId },
        { reason: 'ACCOUNT_LOCKED' },
      );
      throw accountLocked(lockMinutesRemaining(lock, now));
    }
    if (caregiver.passwordHash === null) {
      const provider = caregiver.ssoIdentities[0]?.provider;
      if (provider !== undefined) throw ssoPasswordNotSet(provider);
      await passwords.dummyVerify(input.password);
      throw invalidCredentials();
    }
    if (!(await passwords.verify(input.password, caregiver.passwordHash))) {
      await this.security.failedLogin(caregiver, actor, 'password');
      throw invalidCredentials();
    }
    if (caregiver.role === 'unverified') {
      await sendVerificationIfDue(this.ports, caregiver);
      throw emailNotVerified();
    }
    if (caregiver.role === 'invited') throw invalidCredentials();

    if (caregiver.mfa.enabled) {
      if (input.mfaToken === undefined || input.mfaToken.trim() === '') {
        return { kind: 'mfa-required', tempToken: this.ports.random.token() };
      }
      const code = input.mfaToken;
      let accepted = true;
      caregiver = await modifyCaregiver(this.ports, caregiver.id, (fresh) => {
        const checked = checkMfaCode(this.ports, fresh, code, now);
        accepted = checked !== null;
        return checked === null ? fresh : checked.caregiver;
      });
      if (!accepted) {
        await this.security.failedLogin(caregiver, actor, 'mfa');
        throw mfaInvalid();
      }
    }

    if (mfaEnrollmentOverdue(caregiver, now, policy)) {
      await audit(
        this.ports,
        actor,
        'LOGIN_FAILED',
        'denied',
        { type: 'caregiver', id: caregiver.id, orgId: caregiver.orgId },
        { reason: 'MFA_ENROLLMENT_REQUIRED' },
      );
      throw mfaEnrollmentRequired();
    }
    if (passwordExpired(caregiver, now, policy)) {
      await this.mailExpiredPasswordReset(caregiver);
      throw passwordExpiredError();
    }
    return { kind: 'signed-in', payload: await this.signIn(caregiver, actor, input.password) };
  }

  private async signIn(caregiver: Caregiver, actor: Actor, password: string): Promise<LoginPayload> {
    const { passwords, clock, policy } = this.ports;
    const now = clock.now();
    // A hash made at a lower cost than configured is upgraded while the plain password is at hand.
    const rehashed =
      caregiver.passwordHash !== null && passwords.needsRehash(caregiver.passwordHash)
        ? await passwords.hash(password)
        : null;
    const updated = await modifyCaregiver(this.ports, caregiver.id, (fresh) => ({
      ...fresh,
      failedLogins: { count: 0, windowStartedAt: null },
      lastLoginAt: now,
      updatedAt: now,
      ...(rehashed === null || fresh.passwordHash !== caregiver.passwordHash
        ? {}
        : { passwordHash: rehashed, passwordHistory: [rehashed, ...fresh.passwordHistory.slice(1)] }),
    }));
    const active = updated as Caregiver & { role: ActiveRole };
    const tokens = await this.issuer.open(active, 'password', active.mfa.enabled, actor);
    await audit(
      this.ports,
      actor,
      'LOGIN',
      'success',
      { type: 'caregiver', id: active.id, orgId: active.orgId },
      { method: 'password' },
    );
    return loadLoginPayload(this.ports, active, tokens, mfaGraceEndsAt(active, policy));
  }

  private async mailExpiredPasswordReset(caregiver: Caregiver): Promise<void> {
    const now = this.ports.clock.now();
    const latest = await this.ports.tokens.latestOfType(caregiver.id, 'resetPassword');
    if (latest !== null && addMs(latest.createdAt, minutes(this.ports.policy.passwordExpiryMailMinutes)) > now) return;
    if (caregiver.email === null) return;
    const token = await issueOneTimeToken(this.ports, caregiver, 'resetPassword');
    await this.mail.send(
      this.mail.resetPassword(caregiver.email, caregiver.name, token, 'expired'),
      'password-expired',
    );
  }
}
