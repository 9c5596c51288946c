import type { TelephonyEvent } from '../../../../application/ports/telephony';
import type { AriEventJson } from '../../../support/fakes/ari/fake-asterisk';
import { bridgeOf, mediaOf, pstnOf, startReadyKit, waitFor, type AriKit } from './ari-test-kit';

/**
 * A call through the real `ari-client` against the fake ARI over real sockets: originate, StasisStart, bridge and
 * externalMedia, RTP both ways, and every way it ends, each followed by a complete release on both sides.
 */
describe('AriTelephony call flow', () => {
  let kit: AriKit;

  beforeEach(async () => {
    kit = await startReadyKit();
  });

  afterEach(async () => {
    await kit.stop();
  });

  const released = async (): Promise<void> => {
    await waitFor('everything released', () => {
      const counts = kit.fake.counts();
      return (
        counts.channels === 0 &&
        counts.bridges === 0 &&
        kit.media.legs.size === 0 &&
        kit.telephony.inspect().calls === 0
      );
    });
    expect(kit.fake.counts()).toMatchObject({ channels: 0, bridges: 0, mediaSockets: 0 });
    expect(kit.telephony.inspect()).toMatchObject({ calls: 0, registry: 0, sagas: 0 });
    expect(kit.media.opened).toBe(kit.media.released);
  };

  it('originates over the trunk with our ids and variables, then sets up media and reports it', async () => {
    kit.fake.setScenario('+15551230001', { kind: 'answer', ringMs: 5, answerMs: 10 });

    const result = await kit.telephony.placeCall({ callId: 'call1', to: '+15551230001', language: 'es' });

    expect(result).toEqual({ accepted: true });
    await waitFor('mediaReady', () => kit.typesFor('call1').includes('mediaReady'));
    expect(kit.typesFor('call1')).toEqual(['ringing', 'answered', 'mediaReady']);
    const answered = kit.eventsFor('call1')[1] as Extract<TelephonyEvent, { type: 'answered' }>;
    expect(answered.by).toBe('unknown');

    const originate = kit.fake.operationsNamed('channels.originate')[0];
    expect(originate.params).toMatchObject({
      endpoint: 'PJSIP/+15551230001@carrier',
      app: 'bianca-test',
      appArgs: 'dialed,call1',
      channelId: pstnOf('call1'),
      callerId: '+15550000000',
      timeout: '30',
    });
    expect(originate.variables).toEqual({
      BIANCA_CALL_ID: 'call1',
      BIANCA_ROLE: 'pstn',
      BIANCA_APP: 'bianca-test',
      BIANCA_LANG: 'es',
    });
    const leg = kit.media.legs.get('call1')!;
    const external = kit.fake.operationsNamed('channels.externalMedia')[0];
    expect(external.params).toMatchObject({
      channelId: mediaOf('call1'),
      app: 'bianca-test',
      external_host: `127.0.0.1:${leg.localPort}`,
      format: 'ulaw',
      encapsulation: 'rtp',
      transport: 'udp',
      connection_type: 'client',
      direction: 'both',
    });
    expect(kit.fake.liveBridges()).toEqual([
      expect.objectContaining({ id: bridgeOf('call1'), channels: [pstnOf('call1'), mediaOf('call1')] }),
    ]);

    // The leg is pinned to the media channel's UNICASTRTP_LOCAL_* and audio flows both ways.
    const endpoint = kit.fake.asterisk.channels.get(mediaOf('call1'))!.media!;
    expect(leg.remote).toEqual({ address: '127.0.0.1', port: endpoint.port });
    kit.fake.talk(pstnOf('call1'), 100);
    leg.sendPacket();
    await waitFor('RTP both ways', () => leg.packetsReceived >= 2 && endpoint.packetsReceived >= 1);
    const ready = kit.eventsFor('call1')[2] as Extract<TelephonyEvent, { type: 'mediaReady' }>;
    expect(ready.media).toBe(leg.stream);
  });

  it('reports the callee hanging up mid-utterance once, then releases every channel, bridge and leg', async () => {
    kit.fake.setScenario('+15551230002', { kind: 'answer', hangupAfterMs: 150, talkBeforeHangupMs: 60 });

    await kit.telephony.placeCall({ callId: 'call2', to: '+15551230002', language: 'en' });

    await waitFor('hungUp', () => kit.typesFor('call2').includes('hungUp'));
    expect(kit.typesFor('call2')).toEqual(['ringing', 'answered', 'mediaReady', 'hungUp']);
    expect(kit.eventsFor('call2')[3]).toMatchObject({ type: 'hungUp', cause: 16 });
    await released();
    expect(kit.fake.operationsNamed('channels.hangup').map((o) => o.params['channelId'])).toEqual([
      pstnOf('call2'),
      mediaOf('call2'),
    ]);
    expect(kit.fake.operationsNamed('bridges.destroy')).toHaveLength(1);
  });

  it('hangs up on request without reporting it back, and a second hangup resolves', async () => {
    await kit.telephony.placeCall({ callId: 'call3', to: '+15551230003', language: 'en' });
    await waitFor('mediaReady', () => kit.typesFor('call3').includes('mediaReady'));

    await kit.telephony.hangup('call3');
    await kit.telephony.hangup('call3');
    await kit.telephony.hangup('never-placed');

    await released();
    expect(kit.typesFor('call3')).toEqual(['ringing', 'answered', 'mediaReady']);
    expect(kit.fake.operationsNamed('channels.hangup')[0].params).toMatchObject({
      channelId: pstnOf('call3'),
      reason: 'normal',
    });
  });

  it.each([
    { name: 'busy', scenario: { kind: 'busy' } as const, outcome: 'busy', failureCode: 'q850:17' },
    {
      name: 'no answer',
      scenario: { kind: 'no-answer', afterMs: 40 } as const,
      outcome: 'no-answer',
      failureCode: 'q850:19',
    },
    { name: 'unavailable', scenario: { kind: 'unavailable' } as const, outcome: 'failed', failureCode: 'q850:3' },
    { name: 'congestion', scenario: { kind: 'congestion' } as const, outcome: 'failed', failureCode: 'q850:34' },
    {
      name: 'rejected (cause 21 only)',
      scenario: { kind: 'reject' } as const,
      outcome: 'busy',
      failureCode: 'q850:21',
    },
  ])('maps a $name dial to dialFailed $outcome', async ({ scenario, outcome, failureCode }) => {
    kit.fake.setScenario('+15551230010', scenario);

    await kit.telephony.placeCall({ callId: 'dial1', to: '+15551230010', language: 'en' });

    await waitFor('dialFailed', () => kit.typesFor('dial1').includes('dialFailed'));
    const failed = kit.eventsFor('dial1').find((e) => e.type === 'dialFailed');
    expect(failed).toMatchObject({ outcome, failureCode });
    expect(kit.typesFor('dial1').filter((t) => t !== 'ringing')).toEqual(['dialFailed']);
    await released();
  });

  it('finds the RTP address through getChannelVar when externalMedia does not return it', async () => {
    kit.fake.omitMediaVariables(true);

    await kit.telephony.placeCall({ callId: 'vars1', to: '+15551230020', language: 'en' });

    await waitFor('mediaReady', () => kit.typesFor('vars1').includes('mediaReady'));
    const asked = kit.fake.operationsNamed('channels.getChannelVar').map((o) => o.params['variable']);
    expect(asked).toEqual(['UNICASTRTP_LOCAL_ADDRESS', 'UNICASTRTP_LOCAL_PORT']);
    const endpoint = kit.fake.asterisk.channels.get(mediaOf('vars1'))!.media!;
    expect(kit.media.legs.get('vars1')!.remote).toEqual({ address: '127.0.0.1', port: endpoint.port });
  });

  it('keeps two simultaneous calls apart: each RTP reaches its own leg, each hang-up ends its own call', async () => {
    const [a, b] = await Promise.all([
      kit.telephony.placeCall({ callId: 'twinA', to: '+15551230031', language: 'en' }),
      kit.telephony.placeCall({ callId: 'twinB', to: '+15551230032', language: 'en' }),
    ]);
    expect([a, b]).toEqual([{ accepted: true }, { accepted: true }]);
    await waitFor(
      'both live',
      () => kit.typesFor('twinA').includes('mediaReady') && kit.typesFor('twinB').includes('mediaReady'),
    );

    kit.fake.talk(pstnOf('twinA'), 60);
    await waitFor('A hears', () => kit.media.legs.get('twinA')!.packetsReceived > 0);
    expect(kit.media.legs.get('twinB')!.packetsReceived).toBe(0);

    kit.fake.remoteHangup(pstnOf('twinB'));
    await waitFor('B ends', () => kit.typesFor('twinB').includes('hungUp'));
    expect(kit.typesFor('twinA')).not.toContain('hungUp');
    expect(kit.media.legs.has('twinA')).toBe(true);
  });

  it('ignores duplicated and reordered hang-up events: one hungUp only', async () => {
    // StasisEnd overtakes ChannelHangupRequest, and both arrive twice.
    let held: AriEventJson | null = null;
    kit.fake.transformEvents((event) => {
      if (event.type === 'ChannelHangupRequest') {
        held = event;
        return [];
      }
      if (event.type !== 'StasisEnd' || held === null) return [event];
      const out = [event, event, held, held];
      held = null;
      return out;
    });
    await kit.telephony.placeCall({ callId: 'dup1', to: '+15551230040', language: 'en' });
    await waitFor('live', () => kit.typesFor('dup1').includes('mediaReady'));

    kit.fake.remoteHangup(pstnOf('dup1'), { cause: 16 });

    await released();
    expect(kit.typesFor('dup1').filter((t) => t === 'hungUp')).toHaveLength(1);
  });
});
