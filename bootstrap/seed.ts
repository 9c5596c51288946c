import type { Container } from 'inversify';
import { seedAnalyses } from './analysis-module';
import { createCaregiver, type Caregiver } from '../domain/identity/caregiver';
import { createOrg, type Org } from '../domain/identity/org';
import type { Role } from '../domain/identity/roles';
import type { IdentityPorts } from '../application/identity/identity-ports';
import type { Actor } from '../domain/shared/actor';
import { seedConversations } from './conversations-module';
import { ALERT_TOKENS } from '../application/alerts/alert-tokens';
import type { AlertUseCases } from '../application/alerts/alert-use-cases';
import { PATIENT_TOKENS } from '../application/patients/patient-tokens';
import type { PatientUseCases } from '../application/patients/patient-use-cases';
import type { Logger } from '../application/ports/logger';
import { TOKENS } from '../application/ports/tokens';

export interface DemoLogin {
  readonly email: string;
  readonly password: string;
  readonly role: string;
}

export interface SeedResult {
  readonly org: string;
  readonly caregiver: string;
  readonly patients: readonly string[];
  readonly logins: readonly DemoLogin[];
}

export const DEMO_PASSWORD = 'Password1';

interface SeedCaregiver {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly phone: string | null;
  readonly phoneVerified: boolean;
  readonly platform?: boolean;
  readonly ssoOnly?: boolean;
}

/** The identity part of API-CONTRACT.md §6.4, which the app's e2e fixtures depend on. */
const seedCaregivers: readonly SeedCaregiver[] = [
  { email: 'admin@example.org', name: 'Admin User', role: 'orgAdmin', phone: '+16045624263', phoneVerified: true },
  { email: 'fake@example.org', name: 'Test User', role: 'staff', phone: '+16045624263', phoneVerified: false },
  {
    email: 'playwright@example.org',
    name: 'Playwright Test User',
    role: 'orgAdmin',
    phone: null,
    phoneVerified: false,
  },
  {
    email: 'superadmin@example.org',
    name: 'Super Admin',
    role: 'superAdmin',
    phone: null,
    phoneVerified: false,
    platform: true,
  },
  {
    email: 'sso-unlinked@example.org',
    name: 'SSO Test User',
    role: 'staff',
    phone: null,
    phoneVerified: false,
    ssoOnly: true,
  },
];

/**
 * Demo data for development, the embedded default and the test-support `seed` (RESOLUTIONS.md 27). Writes
 * hashes directly (no policy check) and restarts the MFA grace period each time. Later issues add patients,
 * schedules, conversations, alerts and billing through their use-cases.
 */
export const seedDemoData = async (container: Container, logger: Logger): Promise<SeedResult> => {
  const ports = container.get<IdentityPorts>(TOKENS.identity.Ports);
  const now = ports.clock.now();
  const passwordHash = await ports.passwords.hash(DEMO_PASSWORD);

  const org = await ensureOrg(ports, 'test@example.org', 'Test Organization', false, now);
  const platform =
    (await ports.orgs.findPlatform()) ?? (await ensureOrg(ports, 'platform@example.org', 'Bianca Platform', true, now));

  const created: Caregiver[] = [];
  for (const spec of seedCaregivers) {
    const existing = await ports.caregivers.findByEmail(spec.email);
    const base = createCaregiver({
      id: existing?.id ?? ports.ids.next(),
      orgId: spec.platform === true ? platform.id : org.id,
      name: spec.name,
      email: spec.email,
      phone: spec.phone,
      role: spec.role,
      intendedRole: null,
      passwordHash: spec.ssoOnly === true ? null : passwordHash,
      isEmailVerified: true,
      now,
    });
    const caregiver: Caregiver = {
      ...base,
      isPhoneVerified: spec.phoneVerified,
      phoneVerifiedAt: spec.phoneVerified ? now : null,
      ssoIdentities:
        spec.ssoOnly === true
          ? [{ provider: 'google', subject: `seed-${base.id}`, emailAtLink: spec.email, linkedAt: now }]
          : [],
    };
    if (existing === null) await ports.caregivers.insert(caregiver);
    else await ports.caregivers.update({ ...caregiver, version: existing.version, createdAt: existing.createdAt });
    created.push(caregiver);
  }
  const staff = created.find((c) => c.email === 'fake@example.org');
  const admin = created.find((c) => c.email === 'admin@example.org');
  const patients = staff !== undefined && admin !== undefined ? await seedPatients(container, admin, staff) : [];
  await seedConversations(container, patients, now);
  await seedAnalyses(container, patients);
  if (staff !== undefined) await seedAlerts(container, staff, patients);
  logger.info({ orgId: org.id, caregivers: created.length, patients: patients.length }, 'demo data seeded');
  return {
    org: org.id,
    caregiver: staff?.id ?? created[0]?.id ?? '',
    patients,
    logins: seedCaregivers
      .filter((s) => s.ssoOnly !== true)
      .map((s) => ({ email: s.email, password: DEMO_PASSWORD, role: s.role })),
  };
};

const seedPatientSpecs = [
  { name: 'Agnes Alphabet', email: 'agnes@example.org', phone: '+16045550101', preferredName: 'Aggie', age: 82 },
  { name: 'Barnaby Button', email: 'barnaby@example.org', phone: '+16045550102', preferredName: 'Barney', age: 79 },
  { name: 'Clara Coin', email: 'clara@example.org', phone: '+16045550103', preferredName: null, age: 88 },
] as const;

/** The seed's patients, created and assigned through the patient use-cases as the org's admin. */
const seedPatients = async (container: Container, admin: Caregiver, staff: Caregiver): Promise<string[]> => {
  const patients = container.get<PatientUseCases>(PATIENT_TOKENS.UseCases);
  const scope = { caregiverId: admin.id, role: 'orgAdmin' as const, orgId: admin.orgId };
  const actor: Actor = { kind: 'system', requestId: 'seed' };
  const ids: string[] = [];
  for (const spec of seedPatientSpecs) {
    const created = await patients.create.execute(scope, { ...spec, caregiverIds: [staff.id] }, actor);
    ids.push(created.patient.id);
  }
  return ids;
};

/** Read and unread alerts visible to the staff member, so the Alerts tab and its badge have content. */
const seedAlerts = async (container: Container, staff: Caregiver, patientIds: readonly string[]): Promise<void> => {
  const alerts = container.get<AlertUseCases>(ALERT_TOKENS.UseCases);
  const actor: Actor = { kind: 'system', requestId: 'seed' };
  const scope = { caregiverId: staff.id, role: 'staff' as const, orgId: staff.orgId };
  const messages = [
    { message: 'Agnes mentioned feeling dizzy this morning', importance: 'high' as const, patient: patientIds[0] },
    { message: 'Barnaby missed his afternoon check-in call', importance: 'medium' as const, patient: patientIds[1] },
    { message: "Remember to review this week's mood summaries", importance: 'low' as const, patient: undefined },
  ];
  const created = [];
  for (const spec of messages) {
    const result = await alerts.create.asCaregiver(
      staff.id,
      {
        message: spec.message,
        importance: spec.importance,
        alertType: spec.patient === undefined ? 'system' : 'patient',
        visibility: 'allCaregivers',
        ...(spec.patient === undefined ? {} : { relatedPatient: spec.patient }),
      },
      actor,
    );
    created.push(result.alert.id);
  }
  const lastId = created[created.length - 1];
  if (lastId !== undefined) await alerts.markRead.execute(scope, lastId, actor);
};

const ensureOrg = async (
  ports: IdentityPorts,
  email: string,
  name: string,
  isPlatform: boolean,
  now: Date,
): Promise<Org> => {
  const existing = await ports.orgs.findByEmail(email);
  if (existing !== null) return existing;
  const org = {
    ...createOrg({ id: ports.ids.next(), name, email, phone: null, now, isPlatform }),
    isEmailVerified: true,
  };
  await ports.orgs.insert(org);
  return org;
};
