import { isFillerFrame } from '../../../../adapters/audio/energy';
import { MuLaw } from '../../../../adapters/audio/mu-law';
import { tone } from '../../../../adapters/audio/synthetic-voice';
import type { RtpLeg } from '../../../../adapters/telephony/rtp/rtp-media-factory';
import { InvalidRemoteError, type RtpMediaStream } from '../../../../adapters/telephony/rtp/rtp-media-stream';
import { RtpPeer } from '../../../support/fakes/rtp-peer/rtp-peer';
import { SeededRandomSource, eventually, makeFactory } from './rtp-test-kit';

/** RtpMediaStream over real loopback sockets against the RTP peer. Assertions are on counts and bytes, never time. */
describe('RtpMediaStream over UDP', () => {
  let kit: ReturnType<typeof makeFactory>;
  let peer: RtpPeer;
  let leg: RtpLeg;
  let stream: RtpMediaStream;

  beforeEach(async () => {
    kit = makeFactory();
    peer = await RtpPeer.start();
    leg = await kit.factory.open('call-1');
    stream = leg.stream as RtpMediaStream;
    peer.sendTo({ address: leg.localAddress, port: leg.localPort });
  });

  afterEach(async () => {
    await kit.factory.close();
    await peer.close();
  });

  it('delivers inbound frames byte-exact and in order, pending ones first', async () => {
    leg.setRemote(peer.address, peer.port);
    const audio = tone({ frequencyHz: 440, durationMs: 400 });
    const received: Uint8Array[] = [];
    await peer.play({ audio }).done;
    await eventually(() => stream.stats().framesIn >= 20);
    stream.attach({ onFrame: (frame) => received.push(Uint8Array.from(frame)) });
    const joined = Buffer.concat(received);
    expect(received).toHaveLength(20);
    expect(joined.equals(Buffer.from(audio))).toBe(true);
    expect(stream.stats()).toMatchObject({ framesIn: 20, lost: 0, concealed: 0 });
  });

  it('sends agent audio byte-exact with continuous sequence numbers and timestamps, one SSRC, markers on talk spurts', async () => {
    const random = new SeededRandomSource(42);
    const expectedSeq = ((): number => {
      const bytes = random.bytes(6);
      return (bytes[0] << 8) | bytes[1];
    })();
    leg.setRemote(peer.address, peer.port);
    const first = tone({ frequencyHz: 500, durationMs: 300 });
    const second = tone({ frequencyHz: 900, durationMs: 170 });
    const finished: [string, number][] = [];
    stream.onPlaybackFinished((itemId, playedMs) => finished.push([itemId, playedMs]));
    await peer.waitForPackets(3);
    stream.write('item-1', first);
    stream.endOfItem('item-1');
    expect(await eventually(() => finished.length === 1)).toBe(true);
    await peer.waitForPackets(peer.received().length + 3);
    stream.write('item-2', second);
    stream.endOfItem('item-2');
    expect(await eventually(() => finished.length === 2)).toBe(true);
    await peer.waitForPackets(peer.received().length + 2);

    const packets = peer.received();
    const analysis = peer.analysis();
    expect(packets[0].sequenceNumber).toBe(expectedSeq);
    expect(analysis.sequenceBreaks).toBe(0);
    expect(analysis.timestampIrregularities).toBe(0);
    expect(analysis.ssrcs).toHaveLength(1);
    expect(analysis.payloadTypes).toEqual([0]);
    expect(analysis.payloadSizes).toEqual([160]);
    expect(analysis.markers).toEqual(analysis.talkSpurtStarts);
    expect(analysis.markers).toHaveLength(3);
    // 300 ms is 15 whole frames; 170 ms is 8.5 frames, the tail padded with 0xFF.
    const expected = new Uint8Array(2400 + 1440).fill(0xff);
    expected.set(first, 0);
    expected.set(second, 2400);
    expect(Buffer.from(peer.agentAudio()).equals(Buffer.from(expected))).toBe(true);
    expect(finished).toEqual([
      ['item-1', 300],
      ['item-2', 170],
    ]);
  });

  it('barge-in: clear() stops agent audio at the next slot and reports exactly what was sent', async () => {
    leg.setRemote(peer.address, peer.port);
    stream.write('long', tone({ frequencyHz: 600, durationMs: 5000 }));
    await eventually(() => peer.received().filter((packet) => !isFillerFrame(packet.payload)).length >= 10);
    const position = stream.clear();
    const sentAtClear = stream.stats().outbound.packetsSent;
    await peer.waitForPackets(sentAtClear + 5);
    const agentFrames = peer.received().filter((packet) => !isFillerFrame(packet.payload)).length;
    expect(position.itemId).toBe('long');
    expect(agentFrames * 20).toBe(position.playedMs);
    expect(
      peer
        .received()
        .slice(sentAtClear)
        .every((packet) => isFillerFrame(packet.payload)),
    ).toBe(true);
  });

  it('drops a foreign sender: nothing from the spoofing socket reaches the consumer', async () => {
    leg.setRemote(peer.address, peer.port);
    const frames: Uint8Array[] = [];
    stream.attach({ onFrame: (frame) => frames.push(frame) });
    const spoofed = peer.play(
      { audio: new Uint8Array(1600).fill(0x11), ssrc: 0x5, sequenceNumber: 1 },
      { spoofed: true },
    );
    const genuine = peer.play({ audio: new Uint8Array(1600).fill(0x22), sequenceNumber: 100 });
    await Promise.all([spoofed.done, genuine.done]);
    await eventually(() => frames.length >= 10);
    await peer.waitForPackets(peer.received().length + 3);
    expect(frames).toHaveLength(10);
    expect(frames.every((frame) => frame[0] === 0x22)).toBe(true);
  });

  it('learns the remote from the first valid packet when none was pinned, then answers it', async () => {
    await peer.play({ frames: 5 }).done;
    expect(await eventually(() => peer.received().length >= 3)).toBe(true);
    expect(await eventually(() => stream.stats().framesIn === 5)).toBe(true);
  });

  it('conceals loss and repairs reordering from an impaired peer', async () => {
    leg.setRemote(peer.address, peer.port);
    const frames: Uint8Array[] = [];
    stream.attach({ onFrame: (frame) => frames.push(frame) });
    const audio = tone({ frequencyHz: 300, durationMs: 1000 });
    const result = await peer.play({
      audio,
      impairments: { seed: 3, loss: 0.1, reorder: { probability: 0.1, depth: 1 } },
    }).done;
    await eventually(() => frames.length >= 50);
    const stats = stream.stats();
    const lastSentLost = result.plan.lostFrames.includes(49) ? 1 : 0;
    expect(stats.lost).toBe(result.plan.lostFrames.length - lastSentLost);
    expect(stats.concealed).toBe(stats.lost);
    expect(stats.inbound.reorder.late).toBe(0);
    expect(frames.length).toBe(50 - lastSentLost);
  });

  it('rejects a remote that is not an IPv4 literal', () => {
    expect(() => leg.setRemote('asterisk.local', 4000)).toThrow(InvalidRemoteError);
    expect(() => leg.setRemote('127.0.0.1', 0)).toThrow(InvalidRemoteError);
  });

  it('release() closes the stream once and later commands are harmless', async () => {
    leg.setRemote(peer.address, peer.port);
    leg.release();
    leg.release();
    stream.write('late', MuLaw.silence());
    stream.endOfItem('late');
    expect(stream.isClosed()).toBe(true);
    expect(kit.factory.activeLegs()).toEqual([]);
    expect(kit.pacer.streamCount()).toBe(0);
    await kit.factory.whenSocketsClosed();
    expect(kit.factory.openSocketCount()).toBe(0);
  });
});
