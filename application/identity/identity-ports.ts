import type { IdentityPolicy } from '../../domain/identity/identity-policy';
import type { AccessTokenService } from '../ports/access-token-service';
import type { AuditRecorder } from '../ports/audit-recorder';
import type { BreachLogRepository } from '../ports/breach-log-repository';
import type { CareDirectory } from '../ports/care-directory';
import type { CaregiverRepository } from '../ports/caregiver-repository';
import type { Clock } from '../ports/clock';
import type { CommonPasswordList } from '../ports/common-password-list';
import type { EmailSender } from '../ports/email-sender';
import type { Hasher } from '../ports/hasher';
import type { IdGenerator } from '../ports/id-generator';
import type { IdTokenVerifier } from '../ports/id-token-verifier';
import type { Logger } from '../ports/logger';
import type { OneTimeTokenRepository } from '../ports/one-time-token-repository';
import type { OrgRepository } from '../ports/org-repository';
import type { PasswordHasher } from '../ports/password-hasher';
import type { RandomSource } from '../ports/random-source';
import type { RateLimiter } from '../ports/rate-limiter';
import type { SecretCipher } from '../ports/secret-cipher';
import type { SessionStore } from '../ports/session-store';
import type { SmsSender } from '../ports/sms-sender';
import type { TotpService } from '../ports/totp-service';
import type { UnitOfWork } from '../ports/unit-of-work';
import type { ImageUploads } from './inline-images';
import type { OrgCascade } from './org-cascade';

/**
 * The ports of the identity context, bound once in bootstrap. Each use-case takes this bundle and uses the
 * few it needs, which keeps thirty-odd constructors readable and their wiring in one place.
 */
export interface IdentityPorts {
  readonly orgs: OrgRepository;
  readonly caregivers: CaregiverRepository;
  readonly tokens: OneTimeTokenRepository;
  readonly sessions: SessionStore;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly random: RandomSource;
  readonly hasher: Hasher;
  readonly passwords: PasswordHasher;
  readonly commonPasswords: CommonPasswordList;
  readonly accessTokens: AccessTokenService;
  readonly totp: TotpService;
  readonly cipher: SecretCipher;
  readonly rateLimiter: RateLimiter;
  readonly email: EmailSender;
  readonly sms: SmsSender;
  readonly audit: AuditRecorder;
  readonly breaches: BreachLogRepository;
  readonly care: CareDirectory;
  /** The care contexts' part of org deletion and re-zoning; nothing cascades when absent. */
  readonly orgCascade?: OrgCascade;
  /** Where avatars and logos are stored (uploads and inline `data:` images); refused when absent. */
  readonly images?: ImageUploads;
  readonly idTokens: IdTokenVerifier;
  readonly logger: Logger;
  readonly policy: IdentityPolicy;
  readonly links: { readonly frontendUrl: string };
}
