import { mediaOf, pstnOf, startReadyKit, waitFor, type AriKit } from './ari-test-kit';

/**
 * What happens between the answer and `mediaReady` (VOICE.md §2.7): AMD verdicts, a hang-up during the analysis,
 * a silent AMD, media set-up failures with the apology, and the originate's no-double-dial rule (§7.2).
 */
describe('AriTelephony answer, AMD and set-up paths', () => {
  let kit: AriKit;

  afterEach(async () => {
    await kit.stop();
  });

  const released = async (): Promise<void> => {
    await waitFor('release', () => {
      const fake = kit.fake.counts();
      const ours = kit.telephony.inspect();
      return fake.channels + fake.bridges + kit.media.legs.size + ours.calls + ours.registry === 0;
    });
    expect(kit.media.opened).toBe(kit.media.released);
  };

  describe('with AMD on', () => {
    beforeEach(async () => {
      kit = await startReadyKit({ amd: true });
    });

    it('sends the answered channel to the AMD context and takes a HUMAN verdict as human, ignoring its StasisEnd', async () => {
      kit.fake.setScenario('+15552000001', { kind: 'answer', amd: { status: 'HUMAN', cause: 'HUMAN-500-500' } });

      await kit.telephony.placeCall({ callId: 'amd1', to: '+15552000001', language: 'en' });

      await waitFor('mediaReady', () => kit.typesFor('amd1').includes('mediaReady'));
      expect(kit.typesFor('amd1')).toEqual(['ringing', 'answered', 'mediaReady']);
      expect(kit.eventsFor('amd1')[1]).toMatchObject({ by: 'human', amd: { status: 'HUMAN', cause: 'HUMAN-500-500' } });
      expect(kit.fake.operationsNamed('channels.continueInDialplan')[0].params).toMatchObject({
        channelId: pstnOf('amd1'),
        context: 'bianca-amd',
        extension: 's',
        priority: '1',
      });
      expect(kit.fake.events.some((s) => s.event.type === 'StasisEnd')).toBe(true);
    });

    it('answers a machine by long greeting as machine and sets up no media', async () => {
      kit.fake.setScenario('+15552000002', {
        kind: 'answer',
        amd: { status: 'MACHINE', cause: 'LONGGREETING-2500-2500' },
      });

      await kit.telephony.placeCall({ callId: 'amd2', to: '+15552000002', language: 'en' });

      await waitFor('answered', () => kit.typesFor('amd2').includes('answered'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(kit.eventsFor('amd2').find((e) => e.type === 'answered')).toMatchObject({ by: 'machine' });
      expect(kit.fake.operationsNamed('bridges.create')).toHaveLength(0);
      expect(kit.media.opened).toBe(0);
      await kit.telephony.hangup('amd2');
      await released();
    });

    it('treats a machine by initial silence as unknown (the patient may just be quiet) and goes live', async () => {
      kit.fake.setScenario('+15552000003', {
        kind: 'answer',
        amd: { status: 'MACHINE', cause: 'INITIALSILENCE-3500-3500' },
      });

      await kit.telephony.placeCall({ callId: 'amd3', to: '+15552000003', language: 'en' });

      await waitFor('mediaReady', () => kit.typesFor('amd3').includes('mediaReady'));
      expect(kit.eventsFor('amd3').find((e) => e.type === 'answered')).toMatchObject({ by: 'unknown' });
    });

    it('reports a hang-up during the analysis as answered (unknown) then hungUp', async () => {
      kit.fake.setScenario('+15552000004', {
        kind: 'answer',
        amd: { status: 'HUMAN', cause: 'HUMAN-500-500', delayMs: 30, hangupDuring: true },
      });

      await kit.telephony.placeCall({ callId: 'amd4', to: '+15552000004', language: 'en' });

      await waitFor('hungUp', () => kit.typesFor('amd4').includes('hungUp'));
      expect(kit.typesFor('amd4')).toEqual(['ringing', 'answered', 'hungUp']);
      expect(kit.eventsFor('amd4')[1]).toMatchObject({ by: 'unknown' });
      await released();
    });

    it('probes the channel when AMD never answers and proceeds as unknown', async () => {
      kit.fake.setScenario('+15552000005', {
        kind: 'answer',
        amd: { status: 'HUMAN', cause: 'HUMAN-1', delayMs: 60_000 },
      });

      await kit.telephony.placeCall({ callId: 'amd5', to: '+15552000005', language: 'en' });

      await waitFor('answered after the guard', () => kit.typesFor('amd5').includes('answered'), 4000);
      expect(kit.eventsFor('amd5').find((e) => e.type === 'answered')).toMatchObject({ by: 'unknown' });
      expect(kit.fake.operationsNamed('channels.get').map((o) => o.params['channelId'])).toContain(pstnOf('amd5'));
      // Still in the AMD dialplan (not in Stasis), it cannot be bridged: the set-up fails and the call ends.
      await waitFor('legLost', () => kit.typesFor('amd5').includes('legLost'), 4000);
      await released();
    });
  });

  describe('with AMD off', () => {
    beforeEach(async () => {
      kit = await startReadyKit({ amd: false });
    });

    it('ends the call when the bridge cannot be created: apology played by Asterisk, legLost, all released', async () => {
      kit.fake.override('bridges.create', { status: 500, message: 'Internal Server Error', times: 2 });

      await kit.telephony.placeCall({ callId: 'fail1', to: '+15552000010', language: 'es' });

      await waitFor('legLost', () => kit.typesFor('fail1').includes('legLost'));
      expect(kit.typesFor('fail1')).toEqual(['ringing', 'answered', 'legLost']);
      const play = kit.fake.operationsNamed('channels.play')[0];
      expect(play.params).toMatchObject({
        channelId: pstnOf('fail1'),
        media: 'sound:bianca/apology-es',
        playbackId: 'bianca-fail1-asset-1',
      });
      expect(kit.fake.events.some((s) => s.event.type === 'PlaybackFinished')).toBe(true);
      // Retried once after probing (create, get -> 404, create): never more.
      expect(kit.fake.operationsNamed('bridges.create')).toHaveLength(2);
      await released();
    });

    it('ends the call when no RTP leg can be opened', async () => {
      kit.media.failOpens = 1;

      await kit.telephony.placeCall({ callId: 'fail2', to: '+15552000011', language: 'en' });

      await waitFor('legLost', () => kit.typesFor('fail2').includes('legLost'));
      expect(kit.fake.operationsNamed('channels.externalMedia')).toHaveLength(0);
      await released();
    });

    it('reports legLost when Asterisk destroys the media channel of a live call', async () => {
      await kit.telephony.placeCall({ callId: 'lost1', to: '+15552000012', language: 'en' });
      await waitFor('live', () => kit.typesFor('lost1').includes('mediaReady'));

      kit.fake.remoteHangup(mediaOf('lost1'));

      await waitFor('legLost', () => kit.typesFor('lost1').includes('legLost'));
      await released();
    });

    it('probes after an originate timeout and does not dial twice when the first one went through', async () => {
      await kit.stop();
      kit = await startReadyKit({ amd: false, requestTimeoutMs: 800 });
      kit.fake.override('channels.originate', { respondAfterMs: 2000, times: 1 });

      const result = await kit.telephony.placeCall({ callId: 'slow1', to: '+15552000013', language: 'en' });

      expect(result).toEqual({ accepted: true });
      expect(kit.fake.operationsNamed('channels.originate')).toHaveLength(1);
      expect(kit.fake.operationsNamed('channels.get').map((o) => o.params['channelId'])).toEqual([pstnOf('slow1')]);
      await waitFor('live', () => kit.typesFor('slow1').includes('mediaReady'));
    });

    it('retries an originate that failed before reaching Asterisk once, with the same channel id', async () => {
      kit.fake.override('channels.originate', { status: 500, message: 'Allocation failed', times: 1 });

      const result = await kit.telephony.placeCall({ callId: 'retry1', to: '+15552000014', language: 'en' });

      expect(result).toEqual({ accepted: true });
      const ids = kit.fake.operationsNamed('channels.originate').map((o) => [o.params['channelId'], o.status]);
      expect(ids).toEqual([
        [pstnOf('retry1'), 500],
        [pstnOf('retry1'), 200],
      ]);
    });

    it('refuses a call whose originate keeps failing, and leaves nothing behind', async () => {
      kit.fake.override('channels.originate', { status: 500, message: 'Allocation failed' });

      const result = await kit.telephony.placeCall({ callId: 'refuse1', to: '+15552000015', language: 'en' });

      expect(result).toEqual({ accepted: false, reason: 'provider-error' });
      await released();
      expect(kit.events).toEqual([]);
    });

    it('refuses invalid input and duplicates without touching Asterisk', async () => {
      expect(await kit.telephony.placeCall({ callId: 'bad id', to: '+15552000016', language: 'en' })).toEqual({
        accepted: false,
        reason: 'invalid-call-id',
      });
      expect(await kit.telephony.placeCall({ callId: 'ok1', to: '5552000016', language: 'en' })).toEqual({
        accepted: false,
        reason: 'invalid-number',
      });
      kit.fake.setScenario('+15552000017', { kind: 'ring-forever' });
      expect(await kit.telephony.placeCall({ callId: 'dup', to: '+15552000017', language: 'en' })).toEqual({
        accepted: true,
      });
      expect(await kit.telephony.placeCall({ callId: 'dup', to: '+15552000017', language: 'en' })).toEqual({
        accepted: false,
        reason: 'duplicate-call',
      });
      expect(kit.fake.operationsNamed('channels.originate')).toHaveLength(1);
    });
  });
});
