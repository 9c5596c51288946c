import type Router from '@koa/router';
import type { Container } from 'inversify';
import type { Alert } from '../../domain/alerts/alert';
import type { AlertPorts } from '../../application/alerts/alert-ports';
import { ALERT_TOKENS } from '../../application/alerts/alert-tokens';
import type { AlertUseCases } from '../../application/alerts/alert-use-cases';
import type { LoginAlerts } from '../../application/alerts/login-alerts';
import type { IdentityUseCases } from '../../application/identity/identity-use-cases';
import { TOKENS } from '../../application/ports/tokens';
import { requireAuth } from '../../adapters/http/middleware/require-auth';
import { alertRouters, alertTestSupportRouters, bindAlerts } from '../../bootstrap/alerts-module';
import type { AppConfig } from '../../bootstrap/config';
import { INFRA } from '../../bootstrap/infra-tokens';
import { createPatientWorld, type PatientWorld } from '../application/patients/patient-world';

/**
 * Wires the alerts context into a container the way bootstrap will once the lead mounts it (after the patients
 * context): its bindings and, with `routers`, `/v1/alerts` plus (when test-support routes are on)
 * `POST /v1/test/create-alert`, ahead of what is mounted. Skips what bootstrap already does.
 */
export const wireAlerts = (c: Container, config: AppConfig, routers = false): void => {
  if (c.isBound(ALERT_TOKENS.UseCases)) return;
  bindAlerts(c, config);
  if (!routers) return;
  c.onActivation<Router[]>(INFRA.HttpRouters, (_context, mounted) => {
    const identity = c.get<IdentityUseCases>(TOKENS.identity.UseCases);
    const alerts = c.get<AlertUseCases>(ALERT_TOKENS.UseCases);
    const factory = (options?: Parameters<typeof requireAuth>[2]) =>
      requireAuth(identity.authenticate, identity.ports.rateLimiter, options);
    return [
      ...alertRouters(alerts, factory),
      ...(config.testSupportRoutes ? alertTestSupportRouters(alerts) : []),
      ...mounted,
    ];
  });
};

/**
 * The patient world (two customer organisations and the platform, see patient-world.ts) with the alerts context
 * bound on the same container, and a writer for system alerts (which no use-case raises yet).
 */
export const createAlertWorld = async () => {
  const world: PatientWorld = await createPatientWorld();
  const { h } = world;
  wireAlerts(h.container, h.config);
  const alerts = h.container.get<AlertUseCases>(ALERT_TOKENS.UseCases);
  const ports: AlertPorts = alerts.ports;
  const login = h.container.get<LoginAlerts>(ALERT_TOKENS.LoginAlerts);

  /** A stored alert (no audit entry) of `orgId`; the clock moves 1 s after it. */
  const storeAlert = async (orgId: string, fields: Partial<Alert> = {}): Promise<Alert> => {
    const now = h.clock.now();
    const alert: Alert = {
      id: ports.ids.next(),
      orgId,
      kind: 'call_missed',
      alertType: 'system',
      patientId: null,
      conversationId: null,
      callId: null,
      importance: 'medium',
      visibility: 'allCaregivers',
      payload: {},
      message: null,
      createdBy: orgId,
      createdModel: 'Org',
      authorCaregiverId: null,
      readBy: [],
      requiresAck: false,
      acknowledgedAt: null,
      acknowledgedBy: null,
      ackNote: null,
      escalationLevel: 0,
      escalatedAt: null,
      relevanceUntil: new Date(now.getTime() + 7 * 86_400_000),
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
      version: 0,
      ...fields,
    };
    await ports.alerts.insert(alert);
    h.clock.advance(1000);
    return alert;
  };

  return { ...world, alerts, ports, login, storeAlert };
};

export type AlertWorld = Awaited<ReturnType<typeof createAlertWorld>>;
