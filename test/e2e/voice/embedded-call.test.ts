import { startCallsApp, type CallsApp } from '../../support/calls-app';

/**
 * The embedded default (VOICE.md §5.4): with nothing configured, "Call now" for a seeded patient on the simulated
 * line and the scripted agent ends in a completed conversation within 90 s of (virtual) time, with both sides'
 * turns, and the post-call step stores the summary the next call's briefing reads.
 */
describe('embedded default call (simulated line + scripted agent)', () => {
  let t: CallsApp;

  beforeAll(async () => {
    t = await startCallsApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('"Call now" completes within 90 s of virtual time and gets its summary', async () => {
    const seeded = await t.call('POST', '/test/seed');
    const patientId = (seeded.body as { data: { patients: string[] } }).data.patients[0];
    const { token } = await t.login('fake@example.org');
    const startedAt = t.clock.now().getTime();
    const started = await t.call('POST', '/calls/initiate', { patientId }, token);
    expect(started.status).toBe(201);
    const { conversationId } = started.body as { conversationId: string };

    type Dto = { status: string; history: string; messages: Array<{ role: string; content: string }> };
    const read = async () => (await t.call('GET', `/conversations/${conversationId}`, undefined, token)).body as Dto;
    await t.timers.runUntil(async () => (await read()).status === 'completed', 2_000);
    expect(t.clock.now().getTime() - startedAt).toBeLessThanOrEqual(90_000);

    const done = await read();
    expect(new Set(done.messages.map((m) => m.role))).toEqual(new Set(['assistant', 'patient']));
    // The outbox relay runs the post-call step after the terminal commit (real time, no call timers involved).
    for (let tries = 0; tries < 200 && (await read()).history === ''; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await read()).history).toMatch(/^\d+-minute call\. Topics mentioned: .+\. Mood: \w+\.$/);
  });
});
