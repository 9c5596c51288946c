import { createCaregiver } from '../../domain/identity/caregiver';
import { createOrg } from '../../domain/identity/org';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { conflict } from '../../domain/shared/errors';
import { guardAccess, orgResource } from './access-guard';
import { audit } from './audit-trail';
import { emailTaken, orgNotFound } from './identity-errors';
import { IdentityMail } from './identity-mail';
import type { IdentityPorts } from './identity-ports';
import { issueOneTimeToken } from './one-time-tokens';
import { loadOrgView, type OrgView } from './views';

export interface CreateOrgInput {
  readonly name: string;
  /** Normalised address, unique among organisations. */
  readonly email: string;
  /** E.164, or null. */
  readonly phone: string | null;
  /** A valid IANA name (checked by the adapter); the default zone when absent. */
  readonly timezone?: string;
  /** The first orgAdmin, invited (normalised e-mail, E.164 phone). */
  readonly admin: { readonly name: string; readonly email: string; readonly phone: string };
}

const caregiverExists = () => conflict('CAREGIVER_EXISTS', 'Caregiver already exists', 'CAREGIVER_EXISTS');

/**
 * `POST /orgs` (DOMAIN.md §2.5 use-case 37, superAdmin only): the organisation and its first orgAdmin, invited
 * exactly as `PATCH /orgs/:id/invite` invites (role `invited`, intended role `orgAdmin`, an `invite` token e-mailed
 * as `<frontend>/signup?token=…`, accepted through `registerWithInvite`), all in one transaction so that an
 * organisation never exists without its invitee. The e-mail goes out after the commit.
 */
export class CreateOrg {
  private readonly mail: IdentityMail;

  constructor(private readonly ports: IdentityPorts) {
    this.mail = new IdentityMail(ports);
  }

  async execute(scope: AccessScope, input: CreateOrgInput, actor: Actor): Promise<OrgView> {
    const { uow, orgs, caregivers, ids, clock } = this.ports;
    await guardAccess(this.ports, scope, 'org.administer', orgResource(scope.orgId), actor, orgNotFound);
    const ensureFree = async (): Promise<void> => {
      if ((await orgs.findByEmail(input.email)) !== null) throw emailTaken();
      if (await caregivers.isEmailTaken(input.admin.email)) throw caregiverExists();
    };
    await ensureFree();
    const created = await uow.run(async () => {
      await ensureFree();
      const now = clock.now();
      const org = createOrg({
        id: ids.next(),
        name: input.name,
        email: input.email,
        phone: input.phone,
        now,
        ...(input.timezone === undefined ? {} : { timezone: input.timezone }),
      });
      const admin = createCaregiver({
        id: ids.next(),
        orgId: org.id,
        name: input.admin.name,
        email: input.admin.email,
        phone: input.admin.phone,
        role: 'invited',
        intendedRole: 'orgAdmin',
        passwordHash: null,
        isEmailVerified: false,
        now,
      });
      await orgs.insert(org);
      await caregivers.insert(admin);
      const token = await issueOneTimeToken(this.ports, admin, 'invite', {
        intendedRole: 'orgAdmin',
        invitedBy: scope.caregiverId,
      });
      await audit(this.ports, actor, 'ORG_CREATED', 'success', { type: 'org', id: org.id, orgId: org.id });
      await audit(
        this.ports,
        actor,
        'CAREGIVER_INVITED',
        'success',
        { type: 'caregiver', id: admin.id, orgId: org.id },
        { role: 'orgAdmin' },
      );
      return { org, token };
    });
    await this.mail.send(
      this.mail.invite(input.admin.email, input.admin.name, created.org.name, created.token),
      'invite',
    );
    return loadOrgView(this.ports, created.org);
  }
}
