import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { startMongoWireServer } from '../../support/mongo-wire';
import type { MongoWireServer, MongoWireServerOptions } from '../../support/mongo-wire';

/** A wire test server, one connected driver client, and the names of the commands the server received. */
export interface WireFixture {
  readonly server: MongoWireServer;
  readonly client: MongoClient;
  readonly commands: string[];
  db(name?: string): Db;
  close(): Promise<void>;
}

export async function startWireFixture(options: Omit<MongoWireServerOptions, 'onCommand'> = {}): Promise<WireFixture> {
  const commands: string[] = [];
  const server: MongoWireServer = await startMongoWireServer({
    ...options,
    onCommand: (event: { readonly name: string }): void => {
      commands.push(event.name);
    },
  });
  const client: MongoClient = await new MongoClient(server.url, { serverSelectionTimeoutMS: 3000 }).connect();
  return {
    server,
    client,
    commands,
    db: (name: string = 'wire_test'): Db => client.db(name),
    close: async (): Promise<void> => {
      await client.close();
      await server.stop();
    },
  };
}
