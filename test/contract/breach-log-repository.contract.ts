import type { BreachLogRepository } from '../../application/ports/breach-log-repository';
import { aBreach, at, newId, T0 } from './persistence-fixtures';

export interface BreachStores {
  readonly breaches: BreachLogRepository;
}

/** The `BreachLogRepository` port's behaviour, run against every implementation. */
export const describeBreachLogRepositoryContract = (name: string, open: () => Promise<BreachStores>): void => {
  describe(`BreachLogRepository contract: ${name}`, () => {
    let breaches: BreachLogRepository;
    const orgId = newId();
    const caregiverId = newId();

    beforeEach(async () => {
      ({ breaches } = await open());
    });

    it('stores records with their details and lists them all or per org, in detection order', async () => {
      const first = aBreach({
        orgId,
        caregiverId,
        ip: '198.51.100.4',
        severity: 'HIGH',
        details: { failedAttempts: 12, window: '15m' },
        detectedAt: at(1),
      });
      const second = aBreach({ orgId: newId(), detectedAt: at(2), type: 'off_hours_access' });
      const third = aBreach({ orgId, detectedAt: at(3), status: 'RESOLVED' });
      await breaches.insert(first);
      await breaches.insert(second);
      await breaches.insert(third);

      expect(await breaches.list()).toEqual([first, second, third]);
      expect(await breaches.list(orgId)).toEqual([first, third]);
      expect(await breaches.list(newId())).toEqual([]);
    });

    it('finds an open record of the type for the caregiver detected since the given time', async () => {
      const open1 = aBreach({ caregiverId, detectedAt: at(10), status: 'CONFIRMED' });
      await breaches.insert(aBreach({ caregiverId, detectedAt: at(5) }));
      await breaches.insert(aBreach({ caregiverId, detectedAt: at(11), status: 'RESOLVED' }));
      await breaches.insert(aBreach({ caregiverId, detectedAt: at(12), type: 'brute_force_attempt' }));
      await breaches.insert(aBreach({ caregiverId: newId(), detectedAt: at(13) }));
      await breaches.insert(open1);

      expect(await breaches.findOpenSince('excessive_failed_logins', { caregiverId }, at(10))).toEqual(open1);
      expect(await breaches.findOpenSince('excessive_failed_logins', { caregiverId }, at(10.5))).toBeNull();
      expect(await breaches.findOpenSince('data_exfiltration_attempt', { caregiverId }, T0)).toBeNull();
    });

    it('matches by IP, and by nothing more when the subject is empty', async () => {
      const byIp = aBreach({ ip: '192.0.2.1', detectedAt: at(3), status: 'INVESTIGATING' });
      await breaches.insert(aBreach({ ip: '192.0.2.2', detectedAt: at(3) }));
      await breaches.insert(byIp);

      expect(await breaches.findOpenSince('excessive_failed_logins', { ip: '192.0.2.1' }, at(1))).toEqual(byIp);
      expect(await breaches.findOpenSince('excessive_failed_logins', { ip: '192.0.2.9' }, at(1))).toBeNull();
      expect(
        await breaches.findOpenSince('excessive_failed_logins', { ip: '192.0.2.1', caregiverId }, at(1)),
      ).toBeNull();
      expect(await breaches.findOpenSince('excessive_failed_logins', {}, at(1))).not.toBeNull();
    });
  });
};
