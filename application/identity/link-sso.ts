import type { Caregiver } from '../../domain/identity/caregiver';
import type { Actor } from '../../domain/shared/actor';
import { conflict } from '../../domain/shared/errors';
import type { SsoProvider } from '../ports/id-token-verifier';
import { audit } from './audit-trail';
import type { IdentityPorts } from './identity-ports';
import { modifyCaregiver } from './modify-caregiver';
import { SsoSignIn } from './sso';
import { loadCaregiverView, type CaregiverView } from './views';

const linkedElsewhere = () => conflict('SSO_IDENTITY_LINKED', 'This identity is already linked to another account');

/**
 * `POST /sso/link` (DOMAIN.md §2.4.8 `LinkSsoIdentity`, self): the provider ID token is verified exactly as for an
 * SSO sign-in, and its `(provider, subject)` is linked to the signed-in account. The token's e-mail need not match
 * the account's; it is kept as `emailAtLink`. An identity linked to another account is refused (409); linking one
 * already linked to this account changes nothing.
 */
export class LinkSsoIdentity {
  private readonly sso: SsoSignIn;

  constructor(private readonly ports: IdentityPorts) {
    this.sso = new SsoSignIn(ports);
  }

  async execute(caregiver: Caregiver, provider: SsoProvider, idToken: string, actor: Actor): Promise<CaregiverView> {
    const { uow, caregivers, clock } = this.ports;
    const identity = await this.sso.verify(provider, idToken);
    const resource = { type: 'caregiver', id: caregiver.id, orgId: caregiver.orgId };
    const holder = await caregivers.findBySsoIdentity(identity.provider, identity.subject);
    if (holder !== null && holder.id !== caregiver.id) {
      await audit(this.ports, actor, 'SSO_LINK_REFUSED', 'failure', resource, {
        provider: identity.provider,
        cause: 'linked_elsewhere',
      });
      throw linkedElsewhere();
    }
    if (holder !== null) return loadCaregiverView(this.ports, holder);

    const saved = await uow.run(async () => {
      // Checked again inside the transaction: two accounts linking the same identity at once must not both win.
      const current = await caregivers.findBySsoIdentity(identity.provider, identity.subject);
      if (current !== null && current.id !== caregiver.id) throw linkedElsewhere();
      const now = clock.now();
      const stored = await modifyCaregiver(this.ports, caregiver.id, (fresh) =>
        fresh.ssoIdentities.some((i) => i.provider === identity.provider && i.subject === identity.subject)
          ? fresh
          : {
              ...fresh,
              ssoIdentities: [
                ...fresh.ssoIdentities,
                { provider: identity.provider, subject: identity.subject, emailAtLink: identity.email, linkedAt: now },
              ],
              updatedAt: now,
            },
      );
      await audit(this.ports, actor, 'SSO_IDENTITY_LINKED', 'success', resource, { provider: identity.provider });
      return stored;
    });
    return loadCaregiverView(this.ports, saved);
  }
}
