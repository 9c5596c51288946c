import { AgentMediaLink, type AgentSide } from '../../../adapters/voice/link/agent-media-link';
import { RecordingMediaStream } from './support/recording-media-stream';

/** The frame pump and barge-in mechanics on their own, with a hand-ticked media double (VOICE.md §4.8). */
describe('AgentMediaLink', () => {
  const setup = (playoutLatencyMs = 0) => {
    const sent: Uint8Array[] = [];
    const truncates: Array<[string, number]> = [];
    let cancels = 0;
    const side: AgentSide = {
      sendFrame: (frame) => sent.push(frame),
      truncate: (item) => truncates.push([item.itemId, item.audioEndMs]),
      cancelResponse: () => (cancels += 1),
    };
    const media = new RecordingMediaStream({ autoPlay: false });
    const link = new AgentMediaLink(side, { playoutLatencyMs });
    return { sent, truncates, cancels: () => cancels, media, link };
  };
  const frame = (fill: number) => new Uint8Array(160).fill(fill);
  const ms = (duration: number) => new Uint8Array(duration * 8).fill(0x10);

  it('pumps inbound frames to the agent in order, pending ones first, and parks them while detached', () => {
    const { sent, media, link } = setup();
    media.inject(frame(1));

    link.attach(media);
    media.inject(frame(2));
    link.detach();
    media.inject(frame(3));
    link.resume();

    expect(sent.map((f) => f[0])).toEqual([1, 2, 3]);
    expect(link.stats().framesIn).toBe(3);
  });

  it('remembers a stream without pumping it until resumed', () => {
    const { sent, media, link } = setup();
    link.attach(media, false);
    media.inject(frame(4));

    expect(sent).toHaveLength(0);
    link.resume();
    expect(sent).toHaveLength(1);
  });

  it('writes agent audio per item, ends items, and reports each played item once', () => {
    const { media, link } = setup();
    const played: Array<[string, number]> = [];
    link.onPlayed((itemId, playedMs) => played.push([itemId, playedMs]));
    link.attach(media);

    link.write('a1', ms(50));
    link.endOfItem('a1');
    for (let i = 0; i < 3; i += 1) media.tick();

    expect(played).toEqual([['a1', 50]]);
    expect(link.isPlaying()).toBe(false);
  });

  it('barge-in clears the queue at once, truncates at the played offset and drops late audio of the item', () => {
    const { media, link, truncates, cancels } = setup();
    link.attach(media);
    link.write('a1', ms(1000));
    for (let i = 0; i < 7; i += 1) media.tick();

    const cleared = link.bargeIn({ cancelResponse: false, alsoClear: ['a2'] });
    const accepted = [link.write('a1', ms(100)), link.write('a2', ms(100))];
    media.tick();

    expect(cleared).toEqual([{ itemId: 'a1', playedMs: 140, receivedMs: 1000, audioEndMs: 140 }]);
    expect(truncates).toEqual([['a1', 140]]);
    expect(cancels()).toBe(0);
    expect(media.queuedFrames()).toBe(0);
    expect(accepted).toEqual([false, false]);
    expect(media.writes.filter((write) => write.at >= media.clears[0].at)).toHaveLength(0);
    expect(media.playedFramesOf('a1')).toBe(7);
    expect(link.isPlaying()).toBe(false);
    expect(link.stats().droppedDeltas).toBe(2);
  });

  it('sends response.cancel only when asked, and truncates queued-but-unplayed items at 0', () => {
    const { media, link, truncates, cancels } = setup();
    link.attach(media);
    link.write('a1', ms(100));
    link.endOfItem('a1');
    link.write('a2', ms(100));

    const cleared = link.bargeIn({ cancelResponse: true });

    expect(cleared.map((item) => [item.itemId, item.playedMs])).toEqual([
      ['a1', 0],
      ['a2', 0],
    ]);
    expect(truncates).toEqual([
      ['a1', 0],
      ['a2', 0],
    ]);
    expect(cancels()).toBe(1);
  });

  it('subtracts the playout latency and clamps the truncate offset to what was received', () => {
    const { media, link, truncates } = setup(30);
    link.attach(media);
    link.write('a1', ms(1000));
    media.tick();

    link.bargeIn({ cancelResponse: false });

    expect(truncates).toEqual([['a1', 0]]);
  });

  it('ignores playback reports of a stream it no longer holds, and of cleared items', () => {
    const { media, link } = setup();
    const played: string[] = [];
    link.onPlayed((itemId) => played.push(itemId));
    link.attach(media);
    link.write('a1', ms(20));
    link.clearPlayout();
    link.write('a2', ms(20));
    link.endOfItem('a2');
    const other = new RecordingMediaStream({ autoPlay: false });
    link.attach(other);
    media.tick();

    expect(played).toEqual([]);
    expect(media.detaches).toBe(1);
    link.close();
    other.close();
    media.close();
  });
});
