import { MongoClient } from 'mongodb';
import { runAuditVerify } from '../../../bootstrap/audit-verify';
import { startApplication } from '../../../bootstrap/application';
import { loadConfig } from '../../../bootstrap/config';
import { AUDIT_COLLECTIONS } from '../../../adapters/persistence/mongo/mongo-audit-store';
import { request } from '../../support/http-client';
import { LogCapture } from '../../support/log-capture';
import { startMongoWireServer, type MongoWireServer } from '../../support/mongo-wire';

/** QUALITY.md S4 on the Mongo profile: an entry altered directly in the database is found by the operator CLI. */
describe('audit verify CLI on the Mongo profile', () => {
  let server: MongoWireServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startMongoWireServer();
    const url = new URL(server.url);
    url.pathname = '/audit_cli';
    env = {
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      SEED_DEMO_DATA: 'false',
      TEST_SUPPORT_ROUTES: 'true',
      MONGODB_URL: url.toString(),
      AUDIT_SIGNING_KEY: 'audit-cli-test-signing-key-0123456789abcdef',
    };
    const app = await startApplication(loadConfig(env), { logDestination: new LogCapture() });
    const call = (method: string, path: string, body?: unknown, token?: string) =>
      request(app.url, `/v1${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    expect((await call('POST', '/test/seed')).status).toBe(200);
    const login = await call('POST', '/auth/login', { email: 'admin@example.org', password: 'Password1' });
    const token = (login.body as { tokens: { access: { token: string } } }).tokens.access.token;
    expect((await call('GET', '/patients', undefined, token)).status).toBe(200);
    // Shutdown chains whatever is still pending.
    await app.shutdown('test end');
  });

  afterAll(async () => {
    await server.stop();
  });

  const verify = async (args: string[] = []) => {
    let text = '';
    const code = await runAuditVerify(env, args, { write: (chunk) => (text += chunk) });
    return { code, report: JSON.parse(text) as Record<string, unknown> };
  };

  it('reports an intact chain, then names the entry edited behind its back', async () => {
    const intact = await verify();
    expect(intact.code).toBe(0);
    expect(intact.report).toMatchObject({ ok: true, firstBrokenLink: null, pendingEntries: 0 });
    expect(intact.report['checkedEntries']).toBeGreaterThan(5);

    const client = await new MongoClient(server.url).connect();
    try {
      const entries = client.db('audit_cli').collection(AUDIT_COLLECTIONS.entries);
      const victim = await entries.findOne({ seq: 5 });
      await entries.updateOne({ seq: 5 }, { $set: { outcome: 'denied' } });
      const broken = await verify();
      expect(broken.code).toBe(2);
      expect(broken.report).toMatchObject({
        ok: false,
        checkedEntries: 4,
        firstBrokenLink: { seq: 5, entryId: victim?.['id'], reason: 'hash-mismatch' },
      });
      const breaches = await client.db('audit_cli').collection('breach_logs').find({}).toArray();
      expect(breaches.map((b) => String(b['type']))).toContain('audit_integrity_failure');
    } finally {
      await client.close();
    }
  });

  it('refuses to run without the signing key the server uses', async () => {
    let text = '';
    const { AUDIT_SIGNING_KEY: _key, ...withoutKey } = env;
    expect(await runAuditVerify(withoutKey, [], { write: (chunk) => (text += chunk) })).toBe(1);
    expect(text).toContain('AUDIT_SIGNING_KEY is not set');
  });
});
