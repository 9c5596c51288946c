import fc from 'fast-check';
import { createLineItem, lineItemDescription, periodKeyOf } from '../../../domain/billing/line-item';
import { amountFor, DEFAULT_RATE_PLAN, rateCall, type RatableCall } from '../../../domain/billing/rate-call';
import { CALL_STATUSES, createCall, withCaregiverReport, type Call } from '../../../domain/calls/call';
import { briefingFor, formOfAddress } from '../../../domain/calls/call-briefing';
import { DEFAULT_CALL_TIMING, liveDeadlinesOf, setupDeadlinesOf } from '../../../domain/calls/call-deadlines';
import { callTypeOf, projectCall } from '../../../domain/calls/call-projection';

const t0 = new Date('2026-06-01T12:00:00.000Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

const call = (fields: Partial<Call> = {}): Call => ({
  ...createCall({
    id: 'c'.repeat(24),
    orgId: 'a'.repeat(24),
    patientId: 'b'.repeat(24),
    conversationId: 'd'.repeat(24),
    trigger: 'on_demand',
    telephonyProvider: 'simulated',
    now: t0,
  }),
  ...fields,
});

describe('rating (DOMAIN.md §9.3.1)', () => {
  const live = (durationSeconds: number, fields: Partial<RatableCall> = {}): RatableCall => ({
    status: 'completed',
    durationSeconds,
    agentConnectedAt: at(1),
    endReason: 'patient_hangup',
    ...fields,
  });

  it.each([
    [15, 30, 5_000],
    [31, 31, 5_167],
    [120, 120, 20_000],
    [1_800, 1_800, 300_000],
  ])('%i s is billed %i s = %i millicents', (duration, seconds, amount) => {
    expect(rateCall(live(duration), DEFAULT_RATE_PLAN)).toEqual({
      billable: true,
      billableSeconds: seconds,
      ratePerMinuteMillicents: 10_000,
      amountMillicents: amount,
    });
  });

  it('calls that never went live, set-up timeouts, missed and cancelled attempts are free by default', () => {
    expect(rateCall(live(40, { agentConnectedAt: null }), DEFAULT_RATE_PLAN).amountMillicents).toBe(0);
    expect(rateCall(live(9, { endReason: 'setup_timeout' }), DEFAULT_RATE_PLAN).amountMillicents).toBe(0);
    for (const status of ['no-answer', 'busy', 'failed', 'voicemail', 'cancelled'] as const) {
      expect(rateCall(live(0, { status }), DEFAULT_RATE_PLAN).billable).toBe(false);
    }
  });

  it('charges missed attempts the minimum when the plan says so, never a cancellation', () => {
    const plan = { ...DEFAULT_RATE_PLAN, chargeUnansweredAttempts: true };
    expect(rateCall(live(0, { status: 'busy', agentConnectedAt: null }), plan)).toMatchObject({
      billableSeconds: 30,
      amountMillicents: 5_000,
    });
    expect(rateCall(live(0, { status: 'cancelled' }), plan).billable).toBe(false);
  });

  it('rounds half up exactly, for any length and rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 1_000_000 }), (s, rate) => {
        const exact = (s * rate) / 60;
        const amount = amountFor(s, rate);
        expect(amount - exact).toBeLessThanOrEqual(0.5);
        expect(exact - amount).toBeLessThan(0.5);
      }),
    );
  });
});

describe('line items', () => {
  it('describe the billed length without PHI and file it in the org-local month', () => {
    expect(lineItemDescription(65)).toBe('Wellness call, 1 min 5 s');
    expect(lineItemDescription(30)).toBe('Wellness call, 0 min 30 s');
    // 02:30 UTC on the 1st is still the previous month in New York.
    expect(periodKeyOf(new Date('2026-07-01T02:30:00Z'), 'America/New_York')).toBe('2026-06');
    expect(periodKeyOf(new Date('2026-07-01T02:30:00Z'), 'Not/AZone')).toBe('2026-07');
  });

  it('take the call end as the occurrence', () => {
    const ended = call({ endedAt: at(90) });
    const rating = rateCall(
      { ...ended, status: 'completed', durationSeconds: 80, agentConnectedAt: at(5) },
      DEFAULT_RATE_PLAN,
    );
    expect(createLineItem({ id: 'e'.repeat(24), call: ended, rating, orgTimezone: 'UTC', now: at(91) })).toEqual({
      id: 'e'.repeat(24),
      orgId: ended.orgId,
      patientId: ended.patientId,
      callId: ended.id,
      conversationId: ended.conversationId,
      invoiceId: null,
      description: 'Wellness call, 1 min 20 s',
      billableSeconds: 80,
      ratePerMinuteMillicents: 10_000,
      amountMillicents: 13_333,
      occurredAt: at(90),
      periodKey: '2026-06',
      createdAt: at(91),
    });
  });
});

describe('deadlines (DOMAIN.md §5.3)', () => {
  const rules = DEFAULT_CALL_TIMING;

  it('set-up deadlines follow the status', () => {
    expect(setupDeadlinesOf(call(), rules)).toEqual({ queue: at(600) });
    expect(setupDeadlinesOf(call({ status: 'ringing', dialingAt: at(2) }), rules)).toEqual({ ring: at(32) });
    expect(setupDeadlinesOf(call({ status: 'in-progress', answeredAt: at(10) }), rules)).toEqual({ setup: at(18) });
    expect(
      setupDeadlinesOf(call({ status: 'in-progress', answeredAt: at(10), agentConnectedAt: at(11) }), rules),
    ).toEqual({});
    expect(setupDeadlinesOf(call({ status: 'completed' }), rules)).toEqual({});
  });

  it('live deadlines: wrap-up and maximum from the answer, silence from the latest speech', () => {
    expect(liveDeadlinesOf({ answeredAt: at(0), agentConnectedAt: at(2), lastPatientSpeechAt: null }, rules)).toEqual({
      wrapUp: at(1_740),
      maxDuration: at(1_800),
      silenceCheckIn: at(62),
      silenceHangup: at(92),
    });
    expect(
      liveDeadlinesOf({ answeredAt: at(0), agentConnectedAt: at(2), lastPatientSpeechAt: at(100) }, rules),
    ).toMatchObject({ silenceCheckIn: at(160), silenceHangup: at(190) });
  });
});

describe('client projection (API-CONTRACT.md §4.11)', () => {
  it('maps every status to the words the app knows', () => {
    const rows = CALL_STATUSES.map((s) => [s, projectCall(s)]);
    expect(Object.fromEntries(rows)).toEqual({
      queued: { status: 'initiated', callStatus: 'initiating', callOutcome: null, conversationStatus: 'reserved' },
      dialing: { status: 'initiated', callStatus: 'initiating', callOutcome: null, conversationStatus: 'reserved' },
      ringing: { status: 'initiated', callStatus: 'ringing', callOutcome: null, conversationStatus: 'reserved' },
      'in-progress': {
        status: 'in-progress',
        callStatus: 'connected',
        callOutcome: null,
        conversationStatus: 'in-progress',
      },
      completed: { status: 'completed', callStatus: 'ended', callOutcome: 'answered', conversationStatus: 'completed' },
      'no-answer': {
        status: 'failed',
        callStatus: 'no_answer',
        callOutcome: 'no_answer',
        conversationStatus: 'failed',
      },
      busy: { status: 'failed', callStatus: 'busy', callOutcome: 'busy', conversationStatus: 'failed' },
      failed: { status: 'failed', callStatus: 'failed', callOutcome: 'failed', conversationStatus: 'failed' },
      voicemail: { status: 'failed', callStatus: 'failed', callOutcome: 'voicemail', conversationStatus: 'machine' },
      cancelled: { status: 'completed', callStatus: 'ended', callOutcome: null, conversationStatus: 'failed' },
    });
    expect(callTypeOf('on_demand')).toBe('outbound');
    expect(callTypeOf('retry')).toBe('wellness-check');
  });
});

describe('call records', () => {
  it('on-demand calls are never retried; notes are capped at 500', () => {
    const created = createCall({
      id: 'c'.repeat(24),
      orgId: 'a'.repeat(24),
      patientId: 'b'.repeat(24),
      conversationId: 'd'.repeat(24),
      trigger: 'on_demand',
      telephonyProvider: 'simulated',
      now: t0,
      maxRetries: 4,
      callNotes: 'x'.repeat(600),
    });
    expect(created.maxRetries).toBe(0);
    expect(created.callNotes).toHaveLength(500);
  });

  it('caregiver reports never change the status and only the newest 20 are kept', () => {
    let reported = call({ status: 'ringing' });
    for (let i = 0; i < 25; i += 1) {
      reported = withCaregiverReport(reported, {
        caregiverId: 'f'.repeat(24),
        status: 'failed',
        outcome: i % 2 === 0 ? 'failed' : null,
        notes: `note ${i}`,
        at: at(i),
      });
    }
    expect(reported.status).toBe('ringing');
    expect(reported.reports).toHaveLength(20);
    expect(reported.reports[0]?.notes).toBe('note 5');
    expect(reported).toMatchObject({ reportedOutcome: 'failed', endNotes: 'note 24' });
  });

  it('the briefing addresses the patient by preferred name and never carries notes', () => {
    expect(formOfAddress({ patientName: 'Agnes Alphabet', preferredName: null })).toBe('Agnes');
    expect(formOfAddress({ patientName: 'Agnes Alphabet', preferredName: ' Aggie ' })).toBe('Aggie');
    const text = briefingFor({
      patientName: 'Agnes Alphabet',
      preferredName: null,
      language: 'es',
      trigger: 'scheduled',
    });
    expect(text).toContain('Speak only Spanish');
    expect(text).toContain('scheduled wellness check');
  });
});
