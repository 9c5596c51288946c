import { AcknowledgeAlert } from './acknowledge-alert';
import type { AlertPorts } from './alert-ports';
import { CreateAlert } from './create-alert';
import { DeleteAlert } from './delete-alert';
import { GetAlert } from './get-alert';
import { ListAlerts } from './list-alerts';
import { MarkAlertRead } from './mark-alert-read';
import { MarkAllAlertsRead } from './mark-all-alerts-read';
import { UpdateAlert } from './update-alert';

/** Every alerts use-case over one set of ports; the HTTP adapter takes what it needs. */
export const createAlertUseCases = (ports: AlertPorts) => ({
  ports,
  create: new CreateAlert(ports),
  list: new ListAlerts(ports),
  get: new GetAlert(ports),
  update: new UpdateAlert(ports),
  delete: new DeleteAlert(ports),
  markRead: new MarkAlertRead(ports),
  markAllRead: new MarkAllAlertsRead(ports),
  acknowledge: new AcknowledgeAlert(ports),
});

export type AlertUseCases = ReturnType<typeof createAlertUseCases>;
