import type { AgentSession } from '../../../application/ports/voice-agent';
import { heardText } from '../../../adapters/voice/openai-realtime/assistant-items';
import type { FakeRealtimeOptions } from '../../support/fakes/openai-realtime/fake-realtime-scenario';
import { silence, speech, startHarness, type Harness } from './support/realtime-test-kit';

const REPLY =
  'Let me tell you about the garden club meeting on Thursday, they are planting tulips and daffodils together.';

/**
 * Barge-in and pre-emption over real sockets (VOICE.md §4.8, §4.13, P7): the playout is cleared in the handler of
 * `speech_started`, nothing of the interrupted item is written or played afterwards, the truncate offset is what
 * was played, and the turn keeps only the heard words. The media double plays in real time (20 ms per frame).
 */
describe('OpenAI Realtime barge-in', () => {
  let h: Harness;

  afterEach(async () => {
    await h.close();
  });

  /** Greeting heard, turn-taking on, then a long reply playing. */
  const replyPlaying = async (fakeOptions: FakeRealtimeOptions): Promise<{ session: AgentSession; itemId: string }> => {
    h = await startHarness(
      {
        ...fakeOptions,
        scenario: {
          utterances: ['Oh, wait a moment.'],
          replies: [
            { intent: 'greeting', text: 'Hello Maggie!', audioMs: 300 },
            { intent: 'reply', text: REPLY, audioMs: 4000 },
          ],
        },
      },
      {},
      20,
    );
    const session = await h.open();
    session.attach(h.media);
    session.requestResponse('greeting');
    await h.waitForEvent('turnFinal');
    session.enableTurnTaking();
    session.requestResponse('reply');
    await h.fake.waitFor(() => h.fake.latest!.responses.length === 2, 2000, 'reply started');
    const itemId = h.fake.latest!.responses[1].messageItemId!;
    await h.fake.waitFor(() => h.media.playedFramesOf(itemId) >= 15, 3000, 'reply playing');
    return { session, itemId };
  };

  const expectClearedAndTruncated = async (itemId: string) => {
    const fake = h.fake.latest!;
    await h.fake.waitFor(() => fake.truncations.length > 0, 2000, 'truncate received');
    expect(h.media.clears).toHaveLength(1);
    const clear = h.media.clears[0];
    expect(clear.position.itemId).toBe(itemId);
    expect(clear.framesQueuedAfter).toBe(0);
    // Nothing of the interrupted item reaches the stream or the patient after the clear.
    expect(h.media.played.filter((frame) => frame.itemId === itemId && frame.at > clear.at)).toHaveLength(0);
    expect(h.media.writes.filter((write) => write.itemId === itemId && write.at > clear.at)).toHaveLength(0);
    // The truncate offset is exactly what was played: frames × 20 ms.
    const playedFrames = h.media.playedFramesOf(itemId);
    expect(clear.position.playedMs).toBe(playedFrames * 20);
    expect(fake.receivedOf('conversation.item.truncate')).toEqual([
      expect.objectContaining({ item_id: itemId, content_index: 0, audio_end_ms: playedFrames * 20 }),
    ]);
    expect(fake.truncations).toEqual([{ itemId, audioEndMs: playedFrames * 20 }]);
    return clear;
  };

  it('clears the playout at once on speech_started while the response is still streaming, and truncates at the played offset', async () => {
    const { itemId } = await replyPlaying({ speed: 1 });

    h.media.injectAudio(speech(300));
    h.media.injectAudio(silence(400));
    const truncated = await h.waitForEvent('turnTruncated');

    const fake = h.fake.latest!;
    const clear = await expectClearedAndTruncated(itemId);
    const startedSentAt = fake.sentTimeOf('input_audio_buffer.speech_started')!;
    expect(clear.at - startedSentAt).toBeLessThan(200);
    expect(fake.receivedOf('response.cancel')).toHaveLength(0);
    expect(fake.responses[1].status).toBe('cancelled');
    // The heard words: the share of the generated transcript that the played audio covers.
    const reply = fake.responses[1];
    expect(REPLY.startsWith(reply.transcript)).toBe(true);
    expect(truncated).toEqual({
      type: 'turnTruncated',
      itemId,
      playedMs: clear.position.playedMs,
      heardText: heardText(reply.transcript, clear.position.playedMs, reply.generatedMs),
    });
    expect(h.eventsOf('speechStarted')).toHaveLength(1);
  });

  it('clears a reply whose audio was all delivered but is still playing (nothing to cancel)', async () => {
    const { itemId } = await replyPlaying({ speed: 20 });
    await h.waitForEvent('responseDone', 2);

    h.media.injectAudio(speech(200));
    const truncated = await h.waitForEvent('turnTruncated');

    await expectClearedAndTruncated(itemId);
    expect(h.fake.latest!.receivedOf('response.cancel')).toHaveLength(0);
    expect(truncated.playedMs).toBeLessThan(4000);
    expect(truncated.heardText).toBe(heardText(REPLY, truncated.playedMs, 4000));
    expect(h.eventsOf('turnFinal').map((turn) => turn.itemId)).not.toContain(itemId);
  });

  it('does not interrupt the protected greeting', async () => {
    h = await startHarness(
      {
        scenario: {
          utterances: ['Hello?'],
          replies: [{ intent: 'greeting', text: 'Hello Maggie, this is Bianca.', audioMs: 1500 }],
        },
      },
      {},
      20,
    );
    const session = await h.open();
    session.attach(h.media);
    session.requestResponse('greeting');
    await h.fake.waitFor(() => h.media.played.length >= 10, 3000, 'greeting playing');

    h.media.injectAudio(speech(300));
    h.media.injectAudio(silence(400));
    const turns = [await h.waitForEvent('turnFinal', 1), await h.waitForEvent('turnFinal', 2)];

    expect(h.media.clears).toHaveLength(0);
    expect(h.fake.latest!.receivedOf('conversation.item.truncate')).toHaveLength(0);
    expect(turns.map((turn) => turn.role)).toEqual(['assistant', 'patient']);
    expect(h.media.finished[0].playedMs).toBe(1500);
  });

  it('pre-empts a response in progress for an emergency: cancel, clear and truncate', async () => {
    const { session, itemId } = await replyPlaying({ speed: 1 });

    session.preempt();
    await h.waitForEvent('turnTruncated');
    await h.waitForEvent('responseDone', 2);

    await expectClearedAndTruncated(itemId);
    const fake = h.fake.latest!;
    expect(fake.receivedOf('response.cancel')).toHaveLength(1);
    expect(fake.responses[1].status).toBe('cancelled');
  });
});
