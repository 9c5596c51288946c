import type { Logger } from '../../../application/ports/logger';
import type { AgentSessionConfig } from '../../../application/ports/voice-agent';
import { FinishCallConversation } from '../../../application/calls/finish-call-conversation';
import { createCallWorld, type CallWorld } from './call-world';

/**
 * After a call (VOICE.md §6.3, DOMAIN.md §6.3-§6.4): the completed conversation gets its offline summary and the
 * post-call analyses run; the next call's agent is briefed with that summary and the time since the last contact.
 */
const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => quiet,
};

describe('post-call summary and the next briefing', () => {
  let w: CallWorld;
  const briefings: AgentSessionConfig[] = [];

  beforeEach(async () => {
    briefings.length = 0;
    w = await createCallWorld({
      agent: {
        refuseOpen: (config) => {
          briefings.push(config);
          return false;
        },
      },
    });
  });
  afterEach(async () => {
    await w.h.close();
  });

  const completedCall = async () => {
    const call = await w.callNow(w.staffA, w.assigned);
    await w.runUntil(call, ['completed']);
    return call;
  };

  it('stores the offline summary once, runs the analyses once per event and never throws', async () => {
    const call = await completedCall();
    const analysed: string[] = [];
    const finish = new FinishCallConversation(
      { conversations: w.ports.conversations, clock: w.h.clock, logger: quiet },
      (id) => {
        analysed.push(id);
        return Promise.reject(new Error('analysis down'));
      },
    );
    const handler = finish.handler();
    expect(handler.eventTypes).toEqual(['CallEnded']);

    await finish.execute(call.conversationId);
    const stored = (await w.ports.conversations.findById(call.conversationId))!;
    expect(stored.summary).toMatchObject({ source: 'offline', status: 'done' });
    expect(stored.summary!.text).toMatch(/^\d+-minute call\. Topics mentioned: .+\. Mood: \w+\.$/);
    expect(analysed).toEqual([call.conversationId]);

    await finish.execute(call.conversationId);
    const again = (await w.ports.conversations.findById(call.conversationId))!;
    expect(again.version).toBe(stored.version);
    expect(analysed).toEqual([call.conversationId, call.conversationId]);
  });

  it('skips conversations that did not complete (nothing to summarise or analyse)', async () => {
    const call = await w.callNow(w.staffA, w.assigned);
    const analysed: string[] = [];
    const finish = new FinishCallConversation(
      { conversations: w.ports.conversations, clock: w.h.clock, logger: quiet },
      (id) => {
        analysed.push(id);
        return Promise.resolve();
      },
    );
    await finish.execute(call.conversationId);
    await finish.execute('f'.repeat(24));
    expect(analysed).toEqual([]);
    expect((await w.ports.conversations.findById(call.conversationId))!.summary).toBeNull();
    await w.runUntil(call, ['completed']);
  });

  it('briefs the next call with the previous summary and the time since the last contact', async () => {
    const first = await completedCall();
    expect(briefings[0]?.instructions).toContain('This is your first conversation with this patient.');
    const finish = new FinishCallConversation(
      { conversations: w.ports.conversations, clock: w.h.clock, logger: quiet },
      () => Promise.resolve(),
    );
    await finish.execute(first.conversationId);
    const summary = (await w.ports.conversations.findById(first.conversationId))!.summary!.text;

    await completedCall();
    const next = briefings[1]?.instructions ?? '';
    expect(next).toContain(`— ${summary}`);
    expect(next).toMatch(/Your last conversation with this patient was (just now|\d+ minutes? ago)/);
    expect(next).toContain('Wellbeing topic of the day:');
    expect(briefings[1]?.patientName).toBe(briefings[0]?.patientName);
  });
});
