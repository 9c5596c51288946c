import type { Caregiver } from '../../../domain/identity/caregiver';
import type { VerifiedIdentity } from '../../../application/ports/id-token-verifier';
import { auditOf, createManagementWorld, type ManagementWorld } from './management-world';

let w: ManagementWorld;

beforeEach(async () => {
  w = await createManagementWorld();
});

afterEach(async () => {
  await w.h.close();
});

const verified = (claims: Partial<VerifiedIdentity> = {}): VerifiedIdentity => ({
  provider: 'google',
  subject: 'google-sub-7',
  email: 'someone.else@gmail.example',
  emailVerified: true,
  name: 'Someone',
  picture: null,
  ...claims,
});

/** The provider answers `identity` for any token (null: the token fails verification). */
const provider = (identity: VerifiedIdentity | null, configured = true) => {
  jest.spyOn(w.h.ports.idTokens, 'isConfigured').mockReturnValue(configured);
  return jest.spyOn(w.h.ports.idTokens, 'verify').mockResolvedValue(identity);
};

const current = async (caregiver: Caregiver): Promise<Caregiver> => {
  const found = await w.h.ports.caregivers.findById(caregiver.id);
  if (found === null) throw new Error('caregiver is gone');
  return found;
};

const link = async (caregiver: Caregiver, idToken = 'id-token') =>
  w.h.useCases.linkSso.execute(await current(caregiver), 'google', idToken, w.h.actorOf(caregiver));

describe('LinkSsoIdentity', () => {
  it("links the verified identity to the caller's account, whatever the token's e-mail", async () => {
    const { h, staffA } = w;
    const verify = provider(verified());
    const view = await link(staffA, 'the-id-token');
    expect(verify).toHaveBeenCalledWith('google', 'the-id-token', h.clock.now());
    expect(view.caregiver.email).toBe(staffA.email);
    expect(view.caregiver.ssoIdentities).toEqual([
      {
        provider: 'google',
        subject: 'google-sub-7',
        emailAtLink: 'someone.else@gmail.example',
        linkedAt: h.clock.now(),
      },
    ]);
    expect((await h.ports.caregivers.findBySsoIdentity('google', 'google-sub-7'))?.id).toBe(staffA.id);
    expect(auditOf(h, 'SSO_IDENTITY_LINKED')).toEqual([
      expect.objectContaining({ actorId: staffA.id, resourceId: staffA.id, details: { provider: 'google' } }),
    ]);
  });

  it('refuses an identity linked to another account (409) and changes nothing', async () => {
    const { h, staffA, adminB } = w;
    provider(verified());
    await link(adminB);
    await expect(link(staffA)).rejects.toMatchObject({
      kind: 'conflict',
      message: 'This identity is already linked to another account',
    });
    expect((await current(staffA)).ssoIdentities).toEqual([]);
    expect(auditOf(h, 'SSO_LINK_REFUSED')).toHaveLength(1);
  });

  it('changes nothing when the identity is already linked to the caller', async () => {
    const { staffA } = w;
    provider(verified());
    await link(staffA);
    const again = await link(staffA);
    expect(again.caregiver.ssoIdentities).toHaveLength(1);
  });

  it('refuses a token that fails verification (403) and answers 501 when the provider is not configured', async () => {
    const { staffA } = w;
    provider(null);
    await expect(link(staffA)).rejects.toMatchObject({ kind: 'forbidden' });
    provider(verified(), false);
    await expect(link(staffA)).rejects.toMatchObject({ kind: 'not-configured', message: 'SSO is not configured' });
    expect((await current(staffA)).ssoIdentities).toEqual([]);
  });
});
