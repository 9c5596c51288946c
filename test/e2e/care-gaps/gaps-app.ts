import type { Container } from 'inversify';
import { startApplication } from '../../../bootstrap/application';
import { bindImageUploads } from '../../../bootstrap/image-uploads-module';
import { bindOrgCascade } from '../../../bootstrap/org-cascade-module';
import { TOKENS } from '../../../application/ports/tokens';
import type { CareApp } from '../../support/care-world';
import { request, type JsonResponse } from '../../support/http-client';
import { LogCapture } from '../../support/log-capture';
import { TestClock } from '../../support/test-clock';
import { testConfig } from '../../support/test-config';

/**
 * The care app of test/support/care-world.ts (embedded profile, test-support routes, raised limits) with the
 * org cascade and identity's image store bound the way bootstrap will bind them, plus the container for reading stored records and an upload
 * helper that chooses the bytes, the part name and the declared type.
 */
export const startGapsApp = async () => {
  const clock = new TestClock(new Date());
  const logs = new LogCapture();
  const config = testConfig({
    TEST_SUPPORT_ROUTES: 'true',
    LOG_LEVEL: 'debug',
    AUTH_RATE_LIMIT: '10000',
    API_USER_RATE_LIMIT: '1000000',
    PUBLIC_IP_RATE_LIMIT: '1000000',
  });
  const app = await startApplication(config, {
    logDestination: logs,
    overrides: (c: Container) => {
      c.rebind(TOKENS.shared.Clock).toConstantValue(clock);
      bindOrgCascade(c);
      bindImageUploads(c);
    },
  });

  const send = (method: string, path: string, body?: unknown, token?: string): Promise<JsonResponse> =>
    request(app.url, path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const uploadAs = (
    path: string,
    bytes: Uint8Array,
    token: string | undefined,
    options: { field?: string; type?: string } = {},
  ): Promise<JsonResponse> => {
    const form = new FormData();
    form.append(options.field ?? 'avatar', new Blob([bytes], { type: options.type ?? 'image/jpeg' }), 'avatar.jpg');
    return request(app.url, path, {
      method: 'POST',
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      body: form,
    });
  };

  const upload = (path: string, bytes: Uint8Array, token?: string) => uploadAs(path, bytes, token);
  const care: CareApp = { app, clock, logs, send, upload, stop: () => app.shutdown('test end') };
  return { ...care, uploadAs, container: app.container };
};

export type GapsApp = Awaited<ReturnType<typeof startGapsApp>>;
