import type { Schedule } from '../../domain/schedules/schedule';
import type { Actor } from '../../domain/shared/actor';
import { createDomainEvent } from '../../domain/shared/domain-event';
import type { SchedulePorts } from './schedule-ports';

/** The change events of DOMAIN.md §4.5. Payloads carry ids and the next call instant, never PHI values. */
export type ScheduleEventType = 'ScheduleCreated' | 'ScheduleUpdated' | 'ScheduleDeleted';

/** Appends one event about `schedule` to the outbox; must run inside `uow.run`. */
export const emitScheduleEvent = async (
  ports: SchedulePorts,
  type: ScheduleEventType,
  schedule: Schedule,
  actor: Actor,
): Promise<void> => {
  await ports.outbox.append([
    createDomainEvent(ports.ids.next(), ports.clock.now(), {
      type,
      orgId: schedule.orgId,
      aggregateType: 'Schedule',
      aggregateId: schedule.id,
      aggregateVersion: schedule.version,
      actor:
        actor.caregiverId === undefined ? { kind: actor.kind } : { kind: actor.kind, caregiverId: actor.caregiverId },
      payload: {
        scheduleId: schedule.id,
        patientId: schedule.patientId,
        nextCallAt: schedule.nextCallAt.toISOString(),
        isActive: schedule.isActive,
      },
    }),
  ]);
};
