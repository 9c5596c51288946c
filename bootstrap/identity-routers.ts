import type Router from '@koa/router';
import type { IdentityUseCases } from '../application/identity/identity-use-cases';
import type { PatientUseCases } from '../application/patients/patient-use-cases';
import { patientRouters } from './patients-module';
import { authThrottle } from '../adapters/http/middleware/auth-throttle';
import { requireAuth, type RequireAuthOptions } from '../adapters/http/middleware/require-auth';
import { conversationRouters } from './conversations-module';
import { alertRouters } from './alerts-module';
import { scheduleRouters } from './schedules-module';
import type { ScheduleUseCases } from '../application/schedules/schedule-use-cases';
import type { AlertUseCases } from '../application/alerts/alert-use-cases';
import type { ConversationUseCases } from '../application/conversations/conversation-use-cases';
import { accountAdminRoutes } from '../adapters/http/routes/account-admin-routes';
import { authRoutes } from '../adapters/http/routes/auth-routes';
import { changePasswordRoutes } from '../adapters/http/routes/change-password-routes';
import { orgCreationRoutes } from '../adapters/http/routes/org-creation-routes';
import { ssoLinkRoutes } from '../adapters/http/routes/sso-link-routes';
import { caregiverRoutes } from '../adapters/http/routes/caregiver-routes';
import { orgRoutes } from '../adapters/http/routes/org-routes';
import { mfaRoutes } from '../adapters/http/routes/mfa-routes';
import { phoneVerificationRoutes } from '../adapters/http/routes/phone-verification-routes';
import { ssoRoutes } from '../adapters/http/routes/sso-routes';

/** The identity context's routers, sharing one authentication middleware. */
export const identityRouters = (
  identity: IdentityUseCases,
  patients: PatientUseCases,
  conversations: ConversationUseCases,
  alerts: AlertUseCases,
  schedules: ScheduleUseCases,
): Router[] => {
  const authenticated = requireAuth(identity.authenticate, identity.ports.rateLimiter);
  const requireAuthWith = (options?: RequireAuthOptions) =>
    requireAuth(identity.authenticate, identity.ports.rateLimiter, options);
  return [
    ...conversationRouters(conversations, requireAuthWith),
    ...alertRouters(alerts, requireAuthWith),
    // Patient routes first: they answer the caregiver-patients paths with full records in the caller's role view.
    ...patientRouters(patients, authenticated),
    ...scheduleRouters(schedules, authenticated),
    authRoutes(identity),
    mfaRoutes(identity, authenticated),
    phoneVerificationRoutes(identity, authenticated),
    ssoRoutes(identity, authThrottle(identity.throttle)),
    orgRoutes(identity, authenticated),
    caregiverRoutes(identity, authenticated),
    changePasswordRoutes(identity, authenticated),
    ssoLinkRoutes(identity, authenticated),
    orgCreationRoutes(identity, authenticated),
    accountAdminRoutes(identity, authenticated),
  ];
};
