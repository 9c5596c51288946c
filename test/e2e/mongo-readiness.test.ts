import { startApplication } from '../../bootstrap/application';
import { request } from '../support/http-client';
import { startMongoWireServer } from '../support/mongo-wire';
import { testConfig } from '../support/test-config';

const waitFor = async (check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
};

describe('readiness on the Mongo profile (RESOLUTIONS.md 36)', () => {
  it('answers 503 while the database is unreachable and recovers when it returns', async () => {
    let server = await startMongoWireServer();
    const app = await startApplication(testConfig({ MONGODB_URL: `${server.url.replace('/?', '/readiness?')}` }));
    try {
      expect((await request(app.url, '/health/ready')).status).toBe(200);
      await server.stop();
      expect(await waitFor(async () => (await request(app.url, '/health/ready')).status === 503, 10_000)).toBe(true);
      const down = await request(app.url, '/health');
      expect(down.status).toBe(200);
      expect(down.body).toMatchObject({ status: 'degraded', components: { database: 'down' } });

      server = await startMongoWireServer({ port: server.port });
      expect(await waitFor(async () => (await request(app.url, '/health/ready')).status === 200, 20_000)).toBe(true);
    } finally {
      await app.shutdown('test end');
      await server.stop();
    }
  });
});
