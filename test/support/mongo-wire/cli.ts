import { startMongoWireServer } from './index';
import type { MongoWireServer } from './index';

/**
 * Standalone launcher: `tsx test/support/mongo-wire/cli.ts` starts the wire test server on
 * MONGO_WIRE_PORT (or a free port), prints its mongodb:// URL alone on one line, and runs until
 * SIGINT or SIGTERM.
 */
async function main(): Promise<void> {
  const rawPort: string | undefined = process.env.MONGO_WIRE_PORT;
  const port: number = rawPort === undefined || rawPort === '' ? 0 : Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`MONGO_WIRE_PORT must be a port number, got '${rawPort ?? ''}'\n`);
    process.exit(2);
  }
  const host: string | undefined = process.env.MONGO_WIRE_HOST;
  const server: MongoWireServer = await startMongoWireServer({ port, host: host === '' ? undefined : host });
  process.stdout.write(`${server.url}\n`);
  let stopping: boolean = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      (): void => process.exit(0),
      (): void => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown): void => {
  process.stderr.write(
    `mongo wire test server failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
