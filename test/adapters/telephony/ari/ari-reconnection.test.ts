import { WebSocket } from 'ws';
import { bridgeOf, mediaOf, pstnOf, startKit, startReadyKit, waitFor, type AriKit } from './ari-test-kit';

/**
 * Supervision and reconciliation (VOICE.md §7.1): the event socket drops and comes back (the call continues),
 * events lost meanwhile are recovered by reconciliation, leftovers of ours are removed, an Asterisk restart ends
 * every call, a silent socket is noticed by the heartbeat, and another process taking our app forces the breaker.
 */
describe('AriSupervisor reconnection and reconciliation', () => {
  let kit: AriKit;

  afterEach(async () => {
    await kit.stop();
  });

  const released = (): Promise<void> =>
    waitFor('release', () => {
      const fake = kit.fake.counts();
      const ours = kit.telephony.inspect();
      return fake.channels + fake.bridges + kit.media.legs.size + ours.calls + ours.registry === 0;
    });

  it('keeps a live call through a dropped event socket and still hears its hang-up afterwards', async () => {
    kit = await startReadyKit();
    await kit.telephony.placeCall({ callId: 'keep1', to: '+15553000001', language: 'en' });
    await waitFor('live', () => kit.typesFor('keep1').includes('mediaReady'));

    kit.fake.dropEventSockets();
    await waitFor('reconnected', () => kit.fake.eventConnections === 2 && kit.telephony.supervisor.state === 'ready');

    expect(kit.fake.operationsNamed('channels.list').length).toBeGreaterThanOrEqual(2);
    expect(kit.typesFor('keep1')).toEqual(['ringing', 'answered', 'mediaReady']);
    expect(kit.fake.counts()).toMatchObject({ channels: 2, bridges: 1 });
    kit.fake.remoteHangup(pstnOf('keep1'));
    await waitFor('hungUp', () => kit.typesFor('keep1').includes('hungUp'));
    await released();
  });

  it('ends a call whose hang-up was missed while disconnected (legLost) and cleans its media and bridge', async () => {
    kit = await startReadyKit();
    await kit.telephony.placeCall({ callId: 'miss1', to: '+15553000002', language: 'en' });
    await waitFor('live', () => kit.typesFor('miss1').includes('mediaReady'));

    kit.fake.dropEventSockets(300);
    kit.fake.remoteHangup(pstnOf('miss1'));
    expect(kit.fake.events.filter((s) => s.event.type === 'ChannelDestroyed').every((s) => !s.delivered)).toBe(true);

    await waitFor('legLost', () => kit.typesFor('miss1').includes('legLost'));
    expect(kit.typesFor('miss1')).not.toContain('hungUp');
    await released();
    expect(kit.fake.operationsNamed('channels.hangup').map((o) => o.params['channelId'])).toContain(mediaOf('miss1'));
    expect(kit.fake.operationsNamed('bridges.destroy').map((o) => o.params['bridgeId'])).toEqual([bridgeOf('miss1')]);
  });

  it('takes up an answer that happened while disconnected and goes live', async () => {
    kit = await startReadyKit();
    kit.fake.setScenario('+15553000003', { kind: 'answer', ringMs: 5, answerMs: 150 });
    await kit.telephony.placeCall({ callId: 'late1', to: '+15553000003', language: 'en' });
    await waitFor('ringing', () => kit.typesFor('late1').includes('ringing'));

    kit.fake.dropEventSockets(400);

    await waitFor('mediaReady', () => kit.typesFor('late1').includes('mediaReady'));
    expect(kit.eventsFor('late1').find((e) => e.type === 'answered')).toMatchObject({ by: 'unknown' });
  });

  it('removes channels and bridges of ours that belong to no call, and leaves everyone else alone', async () => {
    kit = await startKit();
    kit.fake.seedChannel('bianca-ghost-pstn', {
      BIANCA_CALL_ID: 'ghost',
      BIANCA_ROLE: 'pstn',
      BIANCA_APP: 'bianca-test',
    });
    kit.fake.seedChannel('bianca-ghost-media', {
      BIANCA_CALL_ID: 'ghost',
      BIANCA_ROLE: 'media',
      BIANCA_APP: 'bianca-test',
    });
    kit.fake.seedBridge('bianca-ghost-br', ['bianca-ghost-pstn', 'bianca-ghost-media']);
    kit.fake.seedChannel('bianca-other-pstn', { BIANCA_CALL_ID: 'other', BIANCA_ROLE: 'pstn', BIANCA_APP: 'bianca-2' });
    kit.fake.seedChannel('1700000000.42', {});

    kit.telephony.start();
    await kit.telephony.supervisor.whenReady(5000);

    expect(
      kit.fake
        .liveChannels()
        .map((c) => c['id'])
        .sort(),
    ).toEqual(['1700000000.42', 'bianca-other-pstn']);
    expect(kit.fake.liveBridges()).toEqual([]);
  });

  it('audits periodically: an orphan that appears later is removed once old enough', async () => {
    kit = await startReadyKit({ auditIntervalMs: 100, auditMinAgeMs: 1000 });
    kit.fake.seedChannel(
      'bianca-stray-pstn',
      { BIANCA_CALL_ID: 'stray', BIANCA_ROLE: 'pstn', BIANCA_APP: 'bianca-test' },
      { ageMs: 0 },
    );
    await kit.telephony.placeCall({ callId: 'young1', to: '+15553000006', language: 'en' });
    await waitFor('live', () => kit.typesFor('young1').includes('mediaReady'));

    await waitFor('audit removal counted', () => kit.telephony.auditRemovals > 0, 5000);

    expect(kit.telephony.auditRemovals).toBe(1);
    expect(kit.fake.liveChannels().map((c) => c['id'])).not.toContain('bianca-stray-pstn');
    expect(kit.fake.counts()).toMatchObject({ channels: 2, bridges: 1 });
    expect(kit.typesFor('young1')).toEqual(['ringing', 'answered', 'mediaReady']);
  });

  it('hangs up a channel that a timed-out originate created after its call had been refused', async () => {
    kit = await startReadyKit({ requestTimeoutMs: 300 });
    kit.fake.override('channels.originate', { delayMs: 600, times: 2 });

    const result = await kit.telephony.placeCall({ callId: 'ghost1', to: '+15553000007', language: 'en' });

    expect(result).toEqual({ accepted: false, reason: 'provider-error' });
    await waitFor(
      'late channel created',
      () => kit.fake.operationsNamed('channels.originate').some((o) => o.status === 200),
      3000,
    );
    await waitFor(
      'late channel hung up',
      () => kit.telephony.lateObjectsRemoved >= 1 && kit.fake.counts().channels === 0,
      3000,
    );
    expect(kit.events).toEqual([]);
  });

  it('ends every call after an Asterisk restart, and cleans up on our side', async () => {
    kit = await startReadyKit();
    await kit.telephony.placeCall({ callId: 'boot1', to: '+15553000004', language: 'en' });
    await waitFor('live', () => kit.typesFor('boot1').includes('mediaReady'));

    await kit.fake.restart(50);

    await waitFor('legLost', () => kit.typesFor('boot1').includes('legLost'), 8000);
    await released();
  });

  it('notices a silent event socket through the heartbeat and reconnects with a fresh client', async () => {
    kit = await startReadyKit({ pingIntervalMs: 100, pongTimeoutMs: 150 });
    const connects = kit.fake.operationsNamed('asterisk.getInfo').length;

    kit.fake.silenceHeartbeat(true);
    await waitFor('left ready', () => kit.telephony.supervisor.state !== 'ready');
    kit.fake.silenceHeartbeat(false);

    await waitFor('ready again', () => kit.telephony.supervisor.state === 'ready');
    expect(kit.fake.operationsNamed('asterisk.getInfo').length).toBeGreaterThan(connects);
    await waitFor('one event socket', () => kit.fake.counts().eventSockets === 1);
    expect(kit.fake.eventConnections).toBeGreaterThanOrEqual(2);
  });

  it('leaves no event socket behind when closed during the library reconnection, even when its retry fires later', async () => {
    kit = await startReadyKit();
    kit.fake.dropEventSockets(500);
    await waitFor('library retrying', () => kit.telephony.supervisor.state === 'reconnecting');
    await new Promise((resolve) => setTimeout(resolve, 400));

    await kit.telephony.close();
    // The library's pending attempt (about 700 ms after the drop) now meets an accepting server.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    expect(kit.fake.eventConnections).toBe(1);
    expect(kit.fake.counts().eventSockets).toBe(0);
  });

  it('stops dialling when another process takes the app over (no fight back)', async () => {
    kit = await startReadyKit();
    const intruder = new WebSocket(
      `${kit.fake.url.replace('http', 'ws')}/ari/events?app=bianca-test&api_key=${kit.fake.username}:${kit.fake.password}`,
    );
    await new Promise((resolve) => intruder.once('open', resolve));

    await waitFor('replaced', () => kit.telephony.supervisor.state === 'replaced');
    expect(kit.telephony.supervisor.requests.breakerOpen).toBe(true);
    expect(await kit.telephony.placeCall({ callId: 'after1', to: '+15553000005', language: 'en' })).toEqual({
      accepted: false,
      reason: 'circuit-open',
    });
    expect(kit.fake.eventConnections).toBe(2);
    intruder.terminate();
  });
});
