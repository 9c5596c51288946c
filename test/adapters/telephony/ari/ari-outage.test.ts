import { AriHealthProbe } from '../../../../adapters/telephony/ari/ari-health-probe';
import { startKit, startReadyKit, waitFor, type AriKit } from './ari-test-kit';

/**
 * Asterisk down (VOICE.md §7.1-§7.3): the breaker opens after consecutive failures and dials are refused at once,
 * nothing crashes and no promise goes unhandled; the connection comes back by itself. A failing api-docs download
 * (which would kill the process inside `ari-client`) only delays the connection.
 */
describe('AriTelephony while Asterisk is unreachable', () => {
  let kit: AriKit;
  const unhandled: unknown[] = [];
  const recordUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  beforeAll(() => {
    process.on('unhandledRejection', recordUnhandled);
  });

  afterAll(() => {
    process.off('unhandledRejection', recordUnhandled);
  });

  afterEach(async () => {
    await kit.stop();
    expect(unhandled).toEqual([]);
  });

  it('opens the breaker, refuses dials quickly, and recovers when Asterisk is back', async () => {
    kit = await startReadyKit({ breakerHalfOpenMs: 1000, readyWaitMs: 500 });
    const probe = new AriHealthProbe(kit.telephony.supervisor);
    expect(await probe.check()).toBe('up');

    await kit.fake.goUnreachable();
    await waitFor('socket loss noticed', () => kit.telephony.supervisor.state !== 'ready');
    const whileReconnecting = await kit.telephony.placeCall({ callId: 'down1', to: '+15554000001', language: 'en' });
    expect(whileReconnecting).toEqual({
      accepted: false,
      reason: expect.stringMatching(/^(telephony-unavailable|circuit-open)$/),
    });
    expect(kit.fake.operationsNamed('channels.originate')).toHaveLength(0);
    await waitFor('breaker open', () => kit.telephony.supervisor.requests.breakerOpen, 8000);

    const started = performance.now();
    const refused = await kit.telephony.placeCall({ callId: 'down2', to: '+15554000002', language: 'en' });
    const tookMs = performance.now() - started;

    expect(refused).toEqual({ accepted: false, reason: 'circuit-open' });
    expect(tookMs).toBeLessThan(100);
    expect(await probe.check()).toBe('down');
    expect(kit.telephony.inspect()).toMatchObject({ calls: 0, registry: 0 });

    await kit.fake.comeBack();
    await waitFor('ready again', () => kit.telephony.supervisor.state === 'ready', 15_000);
    expect(await probe.check()).toBe('up');
    expect(await kit.telephony.placeCall({ callId: 'up1', to: '+15554000003', language: 'en' })).toEqual({
      accepted: true,
    });
  }, 30_000);

  it('refuses at once when the process starts while Asterisk is down, and keeps trying to connect', async () => {
    kit = await startKit({ readyWaitMs: 200, breakerThreshold: 3 });
    await kit.fake.goUnreachable();
    kit.telephony.start();

    const started = performance.now();
    const refused = await kit.telephony.placeCall({ callId: 'cold1', to: '+15554000010', language: 'en' });

    expect(refused).toEqual({
      accepted: false,
      reason: expect.stringMatching(/^(telephony-unavailable|circuit-open)$/),
    });
    expect(performance.now() - started).toBeLessThan(1000);
    await waitFor('breaker open', () => kit.telephony.supervisor.requests.breakerOpen, 5000);
    expect(await kit.telephony.placeCall({ callId: 'cold2', to: '+15554000011', language: 'en' })).toEqual({
      accepted: false,
      reason: 'circuit-open',
    });
    expect(kit.telephony.supervisor.state).toBe('connecting');
  });

  it('survives an api-docs download failure (ari-client would crash the process) and connects once it is fixed', async () => {
    kit = await startKit();
    kit.fake.failApiDocs(503);
    kit.telephony.start();

    await waitFor('a few failed connects', () => kit.timers.armed >= 3, 5000);
    expect(kit.telephony.supervisor.state).toBe('connecting');
    kit.fake.failApiDocs(null);

    await waitFor('ready', () => kit.telephony.supervisor.state === 'ready', 5000);
    expect(kit.fake.holdsApp('bianca-test')).toBe(true);
  });

  it('refuses wrong credentials without crashing, and closes cleanly while still trying', async () => {
    kit = await startKit({ password: 'wrong-password' });
    kit.telephony.start();

    await waitFor('failures counted', () => kit.timers.armed >= 3, 5000);
    expect(kit.telephony.supervisor.state).toBe('connecting');
    await kit.telephony.close();
    expect(kit.telephony.supervisor.state).toBe('closed');
    expect(kit.timers.active).toBe(0);
  });
});
