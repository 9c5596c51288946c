import type { Environment } from '../../bootstrap/config';
import { startMongoWireServer } from './mongo-wire';

/**
 * The persistence profile of an end-to-end app, as identity-app.ts and patients-app.ts choose it: the embedded
 * store by default; with `E2E_PROFILE=mongo` (the jest project `e2e-mongo`) MongoDB through the real driver, on a
 * fresh database (named after `prefix`) of the real server named by TEST_MONGODB_URL or else of this app's own
 * in-process wire server. `stop` stops that wire server; call it after the app's shutdown.
 */
export const e2ePersistence = async (prefix: string): Promise<{ env: Environment; stop: () => Promise<void> }> => {
  if (process.env['E2E_PROFILE'] !== 'mongo') return { env: {}, stop: () => Promise.resolve() };
  const database = `${prefix}_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const real = process.env['TEST_MONGODB_URL'];
  if (real !== undefined && real !== '') {
    const url = new URL(real);
    url.pathname = `/${database}`;
    return { env: { MONGODB_URL: url.toString() }, stop: () => Promise.resolve() };
  }
  const server = await startMongoWireServer();
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  return { env: { MONGODB_URL: url.toString() }, stop: () => server.stop() };
};
