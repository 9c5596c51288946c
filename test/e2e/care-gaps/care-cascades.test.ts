import type { Schedule } from '../../../domain/schedules/schedule';
import type { ScheduleRepository } from '../../../application/ports/schedule-repository';
import { SCHEDULE_TOKENS } from '../../../application/schedules/schedule-tokens';
import { auditLogOf } from '../../support/audit-log';
import { alertBody, buildCareWorld, type CareWorld } from '../../support/care-world';
import { startGapsApp, type GapsApp } from './gaps-app';

// Issue #6 gaps: alert references, the unassigned list across organisations, org deletion and re-zoning.
let t: GapsApp;
let w: CareWorld;

beforeAll(async () => {
  t = await startGapsApp();
  w = await buildCareWorld(t);
}, 60_000);

afterAll(async () => {
  await t.stop();
});

const storedSchedule = (id: string): Promise<Schedule | null> =>
  t.container.get<ScheduleRepository>(SCHEDULE_TOKENS.ScheduleRepository).findById(id);

describe('POST /v1/alerts references (API-CONTRACT.md §4.10)', () => {
  it('accepts an alert about a conversation of the patient', async () => {
    const { patientId, conversationId } = w.targets.orgA;
    const res = await t.send(
      'POST',
      '/v1/alerts',
      { ...alertBody(patientId, 'About the call'), alertType: 'conversation', relatedConversation: conversationId },
      w.tokens.orgAdmin,
    );
    expect(res.status).toBe(201);
    expect((res.body as Record<string, unknown>)['relatedConversation']).toBe(conversationId);
  });

  it('accepts an alert created by a schedule of the patient', async () => {
    const { patientId, scheduleId } = w.targets.orgA;
    const res = await t.send(
      'POST',
      '/v1/alerts',
      { ...alertBody(patientId, 'From the schedule'), createdModel: 'Schedule', createdBy: scheduleId },
      w.tokens.staffAssigned,
    );
    expect(res.status).toBe(201);
  });

  it("still refuses another organisation's conversation", async () => {
    const res = await t.send(
      'POST',
      '/v1/alerts',
      {
        ...alertBody(w.targets.orgA.patientId, 'Wrong call'),
        alertType: 'conversation',
        relatedConversation: w.targets.orgB.conversationId,
      },
      w.tokens.orgAdmin,
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('GET /v1/patients/unassigned?org= (API-CONTRACT.md §2.8)', () => {
  it('answers staff naming another organisation 403, audited as a denial', async () => {
    const res = await t.send(
      'GET',
      `/v1/patients/unassigned?org=${w.targets.orgB.orgId}`,
      undefined,
      w.tokens.staffAssigned,
    );
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 403, message: expect.any(String) as string });
    const denials = auditLogOf(t.container)
      .entries()
      .filter(
        (e) =>
          e.actorId === w.caregiverIds.staffAssigned &&
          e.outcome !== 'success' &&
          e.resourceId === w.targets.orgB.orgId,
      );
    expect(denials.length).toBeGreaterThan(0);
  });

  it('keeps answering staff [] for their own organisation', async () => {
    const res = await t.send(
      'GET',
      `/v1/patients/unassigned?org=${w.targets.orgA.orgId}`,
      undefined,
      w.tokens.staffAssigned,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });
});

describe('PATCH /v1/orgs/:id timezone (DOMAIN.md §4.3.2)', () => {
  it('re-zones schedules of patients without their own zone, and only those', async () => {
    const admin = w.tokens.otherOrg;
    const orgId = w.targets.orgB.orgId;
    const inherits = await w.fresh.patient('orgB');
    const own = await t.send(
      'POST',
      '/v1/patients',
      { name: 'Own Zone', phone: '+16045569999', timezone: 'Europe/Madrid' },
      admin,
    );
    expect(own.status).toBe(201);
    const ownId = String((own.body as Record<string, unknown>)['id']);
    const scheduleOf = async (patientId: string): Promise<string> => {
      const res = await t.send(
        'POST',
        `/v1/schedules/patients/${patientId}`,
        { frequency: 'daily', time: '09:00' },
        admin,
      );
      expect(res.status).toBe(201);
      return String((res.body as Record<string, unknown>)['id']);
    };
    const inheriting = await scheduleOf(inherits);
    const fixed = await scheduleOf(ownId);
    const before = await storedSchedule(inheriting);
    const fixedBefore = await storedSchedule(fixed);
    const zone = before?.timezone === 'Asia/Tokyo' ? 'Pacific/Auckland' : 'Asia/Tokyo';

    const res = await t.send('PATCH', `/v1/orgs/${orgId}`, { timezone: zone }, admin);
    expect(res.status).toBe(200);

    const after = await storedSchedule(inheriting);
    expect(after?.timezone).toBe(zone);
    expect(after?.timezoneSource).toBe('org');
    expect(after?.nextCallAt.getTime()).not.toBe(before?.nextCallAt.getTime());
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' });
    expect(local.format(after?.nextCallAt)).toBe('09:00');
    expect(await storedSchedule(fixed)).toEqual(fixedBefore);
  });
});

describe('DELETE /v1/orgs/:id cascade (DOMAIN.md §2.4.12)', () => {
  it("soft-deletes the org's patients and deactivates their schedules, audited", async () => {
    const { orgId, patientId, unassignedPatientId, scheduleId } = w.targets.orgB;
    expect((await storedSchedule(scheduleId))?.isActive).toBe(true);

    const res = await t.send('DELETE', `/v1/orgs/${orgId}`, undefined, w.tokens.superAdmin);
    expect(res.status).toBe(204);

    for (const id of [patientId, unassignedPatientId]) {
      expect((await t.send('GET', `/v1/patients/${id}`, undefined, w.tokens.superAdmin)).status).toBe(404);
    }
    const schedule = await storedSchedule(scheduleId);
    expect(schedule?.isActive).toBe(false);
    const deletions = auditLogOf(t.container)
      .entries()
      .filter((e) => e.action === 'DELETE' && e.resourceType === 'patient' && e.details['via'] === 'org_deleted');
    expect(deletions.map((e) => e.resourceId)).toEqual(expect.arrayContaining([patientId, unassignedPatientId]));
    const orgDeleted = auditLogOf(t.container)
      .entries()
      .find((e) => e.action === 'ORG_DELETED' && e.resourceId === orgId);
    expect(orgDeleted?.details['patientCount']).toBeGreaterThanOrEqual(2);
  });
});
