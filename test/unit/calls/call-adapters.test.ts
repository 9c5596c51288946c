import type { AgentEvent } from '../../../application/ports/voice-agent';
import type { TelephonyEvent } from '../../../application/ports/telephony';
import { SimulatedMediaStream } from '../../../adapters/telephony/simulated/simulated-media-stream';
import { SimulatedPhoneLine, DEFAULT_SIMULATED_LINE } from '../../../adapters/telephony/simulated/simulated-phone-line';
import { SimulationCaptions } from '../../../adapters/telephony/simulated/simulation-captions';
import { outcomeForNumber } from '../../../adapters/telephony/simulated/simulation-profiles';
import { SystemCallTimers } from '../../../adapters/telephony/simulated/system-call-timers';
import { DEFAULT_SCRIPTED_AGENT, ScriptedVoiceAgent } from '../../../adapters/voice/scripted/scripted-voice-agent';
import { replyTo } from '../../../adapters/voice/scripted/scripted-replies';
import { TestClock } from '../../support/test-clock';
import { VirtualCallTimers } from './virtual-call-timers';

/** The embedded default's adapters on their own (VOICE.md §5), on virtual time unless stated. */
describe('SystemCallTimers (real time)', () => {
  it('fires once, in order, and forgets cancelled and fired timers', async () => {
    const timers = new SystemCallTimers({ now: () => new Date() });
    const fired: string[] = [];
    timers.after(30, () => fired.push('b'));
    timers.at(new Date(Date.now() + 5), () => fired.push('a'));
    const cancelled = timers.after(10, () => fired.push('never'));
    expect(timers.pending()).toBe(3);
    cancelled.cancel();
    cancelled.cancel();
    expect(timers.pending()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(fired).toEqual(['a', 'b']);
    expect(timers.pending()).toBe(0);
  });
});

describe('the simulated line', () => {
  const setup = (to: string) => {
    const clock = new TestClock();
    const timers = new VirtualCallTimers(clock);
    const line = new SimulatedPhoneLine(timers, clock, new SimulationCaptions(), DEFAULT_SIMULATED_LINE);
    const events: TelephonyEvent[] = [];
    line.onEvent((event) => events.push(event));
    return { clock, timers, line, events, place: () => line.placeCall({ callId: 'call-1', to, language: 'en' }) };
  };

  it('chooses the outcome from the last four digits', () => {
    expect(
      ['+16045550001', '+16045550002', '+16045550003', '+16045550004', '+16045550005', '+16045550006'].map(
        outcomeForNumber,
      ),
    ).toEqual(['no-answer', 'busy', 'voicemail', 'dial-failure', 'hangs-up-after-greeting', 'silent']);
    expect(outcomeForNumber('+16045550101')).toBe('talks');
  });

  it('rings after 300 ms, answers after 2 s, then hands over media', async () => {
    const s = setup('+16045550199');
    expect(await s.place()).toEqual({ accepted: true });
    await s.timers.advance(2_100);
    expect(s.events.map((e) => e.type)).toEqual(['ringing', 'answered', 'mediaReady']);
    expect(await s.line.liveLegs()).toEqual([{ callId: 'call-1', answered: true }]);
    expect(await s.place()).toEqual({ accepted: false, reason: 'duplicate_call' });
    await s.line.hangup('call-1');
    await s.line.hangup('call-1');
    expect(await s.line.liveLegs()).toEqual([]);
    expect(s.timers.pending()).toBe(0);
  });

  it('a busy number reports busy with the SIP cause and releases the leg', async () => {
    const s = setup('+16045550002');
    await s.place();
    await s.timers.advance(1_000);
    expect(s.events).toEqual([
      { type: 'dialFailed', callId: 'call-1', outcome: 'busy', failureCode: 'SIP 486', at: expect.any(Date) },
    ]);
    expect(await s.line.liveLegs()).toEqual([]);
  });

  it('refuses calls once closed', async () => {
    const s = setup('+16045550199');
    await s.place();
    await s.line.close();
    expect(await s.line.liveLegs()).toEqual([]);
    expect(await s.line.placeCall({ callId: 'call-2', to: '+16045550199', language: 'en' })).toEqual({
      accepted: false,
      reason: 'line_closed',
    });
  });

  it('plays agent items one after another and cuts the current one on clear()', async () => {
    const clock = new TestClock();
    const timers = new VirtualCallTimers(clock);
    const media = new SimulatedMediaStream(timers, clock);
    const finished: Array<[string, number]> = [];
    media.onPlaybackFinished((itemId, playedMs) => finished.push([itemId, playedMs]));
    media.write('a', new Uint8Array(8_000));
    media.endOfItem('a');
    media.write('b', new Uint8Array(4_000));
    media.endOfItem('b');
    await timers.advance(1_000);
    expect(finished).toEqual([['a', 1_000]]);
    await timers.advance(200);
    expect(media.clear()).toEqual({ itemId: 'b', playedMs: 200 });
    await timers.advance(1_000);
    expect(finished).toEqual([['a', 1_000]]);
    expect(media.heard()).toEqual([
      { itemId: 'a', playedMs: 1_000, completed: true },
      { itemId: 'b', playedMs: 200, completed: false },
    ]);
    expect(media.stats().framesOut).toBe(50);
  });
});

describe('the scripted agent', () => {
  const setup = async () => {
    const clock = new TestClock();
    const timers = new VirtualCallTimers(clock);
    const captions = new SimulationCaptions();
    const agent = new ScriptedVoiceAgent(timers, clock, captions, DEFAULT_SCRIPTED_AGENT);
    const opening = agent.open({
      callId: 'call-1',
      conversationId: 'conv-1',
      language: 'en',
      instructions: '',
      patientName: 'Aggie',
    });
    await timers.advance(150);
    const session = await opening;
    const media = new SimulatedMediaStream(timers, clock);
    const events: AgentEvent[] = [];
    session.onEvent((event) => events.push(event));
    session.attach(media);
    return { clock, timers, captions, agent, session, media, events };
  };

  it('greets, hears the patient through the captions and replies by keyword once turn-taking is on', async () => {
    const s = await setup();
    s.session.requestResponse('greeting');
    s.session.requestResponse('reply');
    await s.timers.advance(10_000);
    expect(s.events[0]).toEqual({
      type: 'error',
      code: 'response_in_progress',
      message: 'A response is already in progress',
    });
    expect(s.events[1]).toMatchObject({
      type: 'turnFinal',
      role: 'assistant',
      text: 'Hello Aggie, this is Bianca. How are you feeling today?',
    });
    s.session.enableTurnTaking();
    s.captions.publish('call-1', { text: 'My knee hurts a lot', durationMs: 1_200 });
    await s.timers.advance(10_000);
    const types = s.events.slice(3).map((e) => (e.type === 'turnFinal' ? `${e.type}:${e.role}` : e.type));
    expect(types).toEqual([
      'speechStarted',
      'speechStopped',
      'turnFinal:patient',
      'turnFinal:assistant',
      'responseDone',
    ]);
    expect(s.events.at(-2)).toMatchObject({ text: "I'm sorry you're in pain. Have you told your care team about it?" });
  });

  it('a caption while speaking is a barge-in: the line is truncated to the words heard', async () => {
    const s = await setup();
    s.session.requestResponse('greeting');
    await s.timers.advance(1_000);
    s.captions.publish('call-1', { text: 'Hello!', durationMs: 600 });
    const truncated = s.events.find((e) => e.type === 'turnTruncated');
    expect(truncated).toMatchObject({ playedMs: 1_000 });
    // 10 words over 3,575 ms of audio (55 characters): 1,000 ms played -> the first 2 words.
    expect(truncated).toMatchObject({ heardText: 'Hello Aggie,' });
  });

  it('says goodbye and asks to end the call; closing stops everything', async () => {
    const s = await setup();
    s.session.deliverInstruction({ kind: 'goodbye', text: 'Say goodbye' });
    s.session.requestResponse('goodbye');
    await s.timers.advance(10_000);
    expect(s.events.map((e) => e.type)).toEqual(['turnFinal', 'responseDone', 'endCallRequested']);
    s.session.close();
    s.captions.publish('call-1', { text: 'still there?', durationMs: 600 });
    await s.timers.advance(5_000);
    expect(s.events).toHaveLength(3);
    expect(s.captions.listenedCalls()).toBe(0);
    expect(s.agent.openSessions()).toBe(0);
  });

  it('replies never repeat the previous line and Spanish farewells end the call', () => {
    const first = replyTo('My daughter visits on Sunday', 'en', 'Aggie', null);
    const second = replyTo('And my son too', 'en', 'Aggie', first.text);
    expect(second.text).not.toBe(first.text);
    expect(replyTo('Gracias, ¡adiós!', 'es', 'Rosa', null)).toEqual({
      text: 'Fue un placer hablar con usted, Rosa. Cuídese, ¡adiós!',
      endsCall: true,
    });
  });
});
