import { AccountAdmin } from './account-admin';
import { AuthThrottle } from './auth-throttle';
import { AuthenticateRequest } from './authenticate-request';
import { ChangePassword } from './change-password';
import { CreateOrg } from './create-org';
import type { IdentityPorts } from './identity-ports';
import { Invitations } from './invitations';
import { LinkSsoIdentity } from './link-sso';
import { Login } from './login';
import { Logout } from './logout';
import { ManageCaregivers } from './manage-caregivers';
import { UploadCaregiverAvatar } from './upload-caregiver-avatar';
import { ManageOrgs } from './manage-orgs';
import { ManageMfa } from './mfa';
import { OrgMembers } from './org-members';
import { RequestPasswordReset, ResetPassword } from './password-reset';
import { VerifyPhone } from './phone-verification';
import { RefreshSession } from './refresh-session';
import { RegisterOrganization } from './register-organization';
import { ResendVerification } from './resend-verification';
import { SetPasswordForSso } from './set-sso-password';
import { SsoSignIn } from './sso';
import { VerifyEmail } from './verify-email';

/** Every identity use-case over one set of ports; the HTTP adapter and the seed take what they need. */
export const createIdentityUseCases = (ports: IdentityPorts) => ({
  ports,
  authenticate: new AuthenticateRequest(ports),
  throttle: new AuthThrottle(ports),
  register: new RegisterOrganization(ports),
  verifyEmail: new VerifyEmail(ports),
  resendVerification: new ResendVerification(ports),
  login: new Login(ports),
  refresh: new RefreshSession(ports),
  logout: new Logout(ports),
  requestPasswordReset: new RequestPasswordReset(ports),
  resetPassword: new ResetPassword(ports),
  setPasswordForSso: new SetPasswordForSso(ports),
  sso: new SsoSignIn(ports),
  mfa: new ManageMfa(ports),
  phone: new VerifyPhone(ports),
  invitations: new Invitations(ports),
  orgs: new ManageOrgs(ports),
  orgMembers: new OrgMembers(ports),
  caregivers: new ManageCaregivers(ports),
  caregiverAvatar: new UploadCaregiverAvatar(ports),
  accountAdmin: new AccountAdmin(ports),
  changePassword: new ChangePassword(ports),
  linkSso: new LinkSsoIdentity(ports),
  createOrg: new CreateOrg(ports),
});

export type IdentityUseCases = ReturnType<typeof createIdentityUseCases>;
