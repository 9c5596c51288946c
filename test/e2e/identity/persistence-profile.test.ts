import { TOKENS } from '../../../application/ports/tokens';
import { MongoUnitOfWork } from '../../../adapters/persistence/mongo/mongo-unit-of-work';
import { InMemoryUnitOfWork } from '../../../adapters/persistence/memory/in-memory-unit-of-work';
import { startIdentityApp } from '../../support/identity-app';

/** Guards the e2e-mongo project: the identity tests really run on the profile they claim. */
describe('persistence profile of the end-to-end tests', () => {
  it('uses MongoDB when E2E_PROFILE=mongo and the embedded store otherwise', async () => {
    const t = await startIdentityApp();
    try {
      const uow = t.app.container.get(TOKENS.shared.UnitOfWork);
      const expected = process.env['E2E_PROFILE'] === 'mongo' ? MongoUnitOfWork : InMemoryUnitOfWork;
      expect(uow).toBeInstanceOf(expected);
      const health = await t.call('GET', '/../health');
      expect(health.body).toMatchObject({ components: { database: 'up' } });
      await t.call('POST', '/test/seed');
      expect((await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' })).status).toBe(
        200,
      );
    } finally {
      await t.stop();
    }
  });
});
