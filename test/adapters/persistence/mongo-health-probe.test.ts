import { MongoDatabaseProbe } from '../../../adapters/persistence/mongo/mongo-health-probe';
import { connectMongo, type MongoDatabase } from '../../../adapters/persistence/mongo/mongo-connection';
import { startMongoWireServer, type MongoWireServer } from '../../support/mongo-wire';

const waitFor = async (probe: MongoDatabaseProbe, wanted: string, withinMs: number): Promise<string> => {
  const deadline = Date.now() + withinMs;
  let state = await probe.check();
  while (state !== wanted && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    state = await probe.check();
  }
  return state;
};

describe('MongoDatabaseProbe', () => {
  let server: MongoWireServer;
  let database: MongoDatabase;

  beforeEach(async () => {
    server = await startMongoWireServer();
    database = await connectMongo(server.url, { dbName: 'probe' });
  });

  afterEach(async () => {
    await database.close();
    await server.stop();
  });

  it('reports the database component up while the server answers ping', async () => {
    const probe = new MongoDatabaseProbe(database);
    expect(probe.component).toBe('database');
    expect(await probe.check()).toBe('up');
  });

  it('reports down within its timeout when the server is gone, and up again once it is back', async () => {
    const probe = new MongoDatabaseProbe(database, 300);
    expect(await probe.check()).toBe('up');
    const port = server.port;
    await server.stop();

    const started = Date.now();
    expect(await probe.check()).toBe('down');
    expect(Date.now() - started).toBeLessThan(2000);

    server = await startMongoWireServer({ port });
    expect(await waitFor(probe, 'up', 8000)).toBe('up');
  });
});

describe('connectMongo', () => {
  it('rejects within the server selection timeout when nothing listens', async () => {
    const idle = await startMongoWireServer();
    const url = idle.url;
    await idle.stop();
    const started = Date.now();
    await expect(connectMongo(url, { serverSelectionTimeoutMS: 300 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
