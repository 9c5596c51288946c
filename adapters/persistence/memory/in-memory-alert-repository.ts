import type { Alert } from '../../../domain/alerts/alert';
import { conflict } from '../../../domain/shared/errors';
import type { AlertRepository, IdenticalCustomAlert } from '../../../application/alerts/alert-repository';
import type { MemoryDatabase } from './memory-database';
import { settle } from './settle';
import { bumpVersion } from './version-check';

const oldestFirst = (alerts: Alert[]): Alert[] =>
  alerts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Alerts in the embedded store (collection `alerts`); reads see non-deleted alerts only. */
export class InMemoryAlertRepository implements AlertRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get alerts() {
    return this.db.collection<Alert>('alerts');
  }

  findById(id: string): Promise<Alert | null> {
    const found = this.alerts.get(id);
    return Promise.resolve(found && found.deletedAt === null ? found : null);
  }

  candidatesFor(orgId: string, authorCaregiverId: string): Promise<readonly Alert[]> {
    return Promise.resolve(
      oldestFirst(
        this.alerts.find(
          (a) => a.deletedAt === null && (a.orgId === orgId || a.authorCaregiverId === authorCaregiverId),
        ),
      ),
    );
  }

  findIdenticalCustom(query: IdenticalCustomAlert): Promise<readonly Alert[]> {
    return Promise.resolve(
      oldestFirst(
        this.alerts.find(
          (a) =>
            a.deletedAt === null &&
            a.kind === 'custom' &&
            a.orgId === query.orgId &&
            a.patientId === query.patientId &&
            a.createdBy === query.createdBy &&
            a.message === query.message,
        ),
      ),
    );
  }

  // Every refusal is a rejected promise, as from a real store (never a synchronous throw).
  insert(alert: Alert): Promise<void> {
    return settle(() => {
      if (this.alerts.get(alert.id) !== undefined) throw conflict('DUPLICATE_ID', 'Alert already exists');
      this.alerts.put(alert);
    });
  }

  update(alert: Alert): Promise<Alert> {
    return settle(() => {
      const saved = bumpVersion(this.alerts.get(alert.id), alert, 'Alert');
      this.alerts.put(saved);
      return saved;
    });
  }
}
