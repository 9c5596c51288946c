import { CreateSchedule } from './create-schedule';
import { DeleteSchedule } from './delete-schedule';
import { GetSchedule } from './get-schedule';
import type { SchedulePorts } from './schedule-ports';
import { PatchSchedule, ReplaceSchedule } from './update-schedule';

/** Every schedule use-case of the HTTP API (DOMAIN.md §4.4 #1-#5) over one set of ports. */
export const createScheduleUseCases = (ports: SchedulePorts) => ({
  ports,
  create: new CreateSchedule(ports),
  get: new GetSchedule(ports),
  replace: new ReplaceSchedule(ports),
  patch: new PatchSchedule(ports),
  delete: new DeleteSchedule(ports),
});

export type ScheduleUseCases = ReturnType<typeof createScheduleUseCases>;
