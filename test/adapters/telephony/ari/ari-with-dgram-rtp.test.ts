import { AriTelephony } from '../../../../adapters/telephony/ari/ari-telephony';
import type { TelephonyEvent } from '../../../../application/ports/telephony';
import { silentLogger } from '../../../../adapters/telephony/ari/ari-silent-logger';
import { DgramRtpMediaFactory } from '../../../../adapters/telephony/rtp/dgram-rtp-media-factory';
import { Pacer, hrtimeClock } from '../../../../adapters/telephony/rtp/pacer';
import { CryptoRandomSource } from '../../../../adapters/security/crypto-random-source';
import { FakeAriServer } from '../../../support/fakes/ari/fake-ari-server';
import { CountingTimers, fastOptions, pstnOf, waitFor } from './ari-test-kit';

/**
 * The ARI adapter with the real RTP adapter (not the stub): the leg it opens is pinned to the media channel's
 * reported address, the callee's audio reaches the `MediaStream` as frames, and the hang-up releases the leg.
 */
describe('AriTelephony with the dgram RTP media factory', () => {
  it('carries the callee audio into the MediaStream and releases the leg at hang-up', async () => {
    const fake = await FakeAriServer.start();
    const media = new DgramRtpMediaFactory(
      { bindAddress: '127.0.0.1', portRange: { kind: 'os' }, socketBufferBytes: 262_144 },
      { pacer: new Pacer(), clock: hrtimeClock, random: new CryptoRandomSource(), logger: silentLogger },
    );
    const timers = new CountingTimers();
    const telephony = new AriTelephony(fastOptions(fake), { media, timers });
    const events: TelephonyEvent[] = [];
    telephony.onEvent((event) => events.push(event));
    try {
      telephony.start();
      await telephony.supervisor.whenReady(5000);

      await telephony.placeCall({ callId: 'real1', to: '+15556000001', language: 'en' });
      await waitFor('mediaReady', () => events.some((e) => e.type === 'mediaReady'));
      const ready = events.find((e) => e.type === 'mediaReady') as Extract<TelephonyEvent, { type: 'mediaReady' }>;
      let frames = 0;
      ready.media.attach({ onFrame: () => (frames += 1) });
      expect(media.activeLegs()).toEqual(['real1']);

      fake.talk(pstnOf('real1'), 400);
      await waitFor('callee frames', () => frames >= 5);

      fake.remoteHangup(pstnOf('real1'));
      await waitFor('released', () => media.activeLegs().length === 0 && fake.counts().channels === 0);
      expect(events.map((e) => e.type)).toEqual(['ringing', 'answered', 'mediaReady', 'hungUp']);
    } finally {
      await telephony.close();
      await media.close();
      await fake.stop();
    }
    expect(timers.active).toBe(0);
  });
});
