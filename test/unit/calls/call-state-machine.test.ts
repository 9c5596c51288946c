import fc from 'fast-check';
import {
  createCall,
  isTerminalCall,
  TERMINAL_CALL_STATUSES,
  type Call,
  type CallStatus,
} from '../../../domain/calls/call';
import { applyCallEvent, type CallEvent } from '../../../domain/calls/call-transitions';

/** The Call state machine (DOMAIN.md §5.2, VOICE.md §1.3, RESOLUTIONS.md 8): the table and its invariants. */
const t0 = new Date('2026-06-01T12:00:00.000Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

const queued = (): Call =>
  createCall({
    id: 'c'.repeat(24),
    orgId: 'a'.repeat(24),
    patientId: 'b'.repeat(24),
    conversationId: 'd'.repeat(24),
    trigger: 'on_demand',
    telephonyProvider: 'simulated',
    now: t0,
  });

/** Applies events in order, failing the test on a rejected or ignored one. */
const run = (...events: CallEvent[]): Call =>
  events.reduce((call, event) => {
    const result = applyCallEvent(call, event);
    if (result.kind !== 'applied') throw new Error(`${event.type} was ${result.kind} from ${call.status}`);
    return result.call;
  }, queued());

const answered = () =>
  run(
    { type: 'dialAccepted', at: at(1) },
    { type: 'ringing', at: at(2) },
    { type: 'answered', at: at(5), by: 'human' },
  );

describe('call transitions', () => {
  it('walks the happy path and stamps each step', () => {
    const live = run(
      { type: 'dialAccepted', at: at(1), providerCallRef: 'leg-1' },
      { type: 'ringing', at: at(2) },
      { type: 'answered', at: at(5), by: 'unknown' },
      { type: 'agentConnected', at: at(6) },
    );
    expect(live).toMatchObject({
      status: 'in-progress',
      providerCallRef: 'leg-1',
      dialingAt: at(1),
      ringingAt: at(2),
      answeredAt: at(5),
      answeredBy: 'unknown',
      agentConnectedAt: at(6),
    });
    const result = applyCallEvent(live, { type: 'hangup', at: at(65.2), reason: 'patient_hangup' });
    expect(result).toMatchObject({
      kind: 'applied',
      terminal: true,
      call: { status: 'completed', outcome: 'answered', endReason: 'patient_hangup', endedAt: at(65.2) },
    });
    // ceil((65.2 - 5) s) = 61
    if (result.kind === 'applied') expect(result.call.durationSeconds).toBe(61);
  });

  it.each([
    ['busy', 'busy', 'busy', null],
    ['no-answer', 'no-answer', 'no_answer', null],
    ['failed', 'failed', 'failed', 'provider_error'],
  ] as const)('a dial failure "%s" ends %s', (outcome, status, callOutcome, endReason) => {
    const call = run({ type: 'dialAccepted', at: at(1) }, { type: 'dialFailed', at: at(3), outcome, failureCode: 'X' });
    expect(call).toMatchObject({ status, outcome: callOutcome, endReason, failureCode: 'X', durationSeconds: 0 });
  });

  it.each<[string, CallEvent[], Partial<Call>]>([
    [
      'originate refused',
      [{ type: 'dialRefused', at: at(1), failureCode: 'busy trunk' }],
      { status: 'failed', endReason: 'provider_error' },
    ],
    ['queue deadline', [{ type: 'queueTimeout', at: at(600) }], { status: 'failed', endReason: 'queue_timeout' }],
    [
      'cancel while queued',
      [{ type: 'cancel', at: at(1) }],
      { status: 'cancelled', outcome: 'cancelled', endReason: 'cancelled' },
    ],
    [
      'cancel while ringing',
      [
        { type: 'dialAccepted', at: at(1) },
        { type: 'ringing', at: at(2) },
        { type: 'cancel', at: at(3) },
      ],
      { status: 'cancelled', endReason: 'cancelled' },
    ],
    [
      'ring deadline',
      [
        { type: 'dialAccepted', at: at(1) },
        { type: 'ringTimeout', at: at(31) },
      ],
      { status: 'no-answer', outcome: 'no_answer', endReason: 'ring_timeout' },
    ],
    [
      'machine at answer',
      [
        { type: 'dialAccepted', at: at(1) },
        { type: 'answered', at: at(4), by: 'machine' },
      ],
      { status: 'voicemail', outcome: 'voicemail', endReason: 'machine_detected', answeredBy: 'machine' },
    ],
    [
      'leg lost while ringing',
      [
        { type: 'dialAccepted', at: at(1) },
        { type: 'ringing', at: at(2) },
        { type: 'legLost', at: at(3) },
      ],
      { status: 'failed', endReason: 'provider_lost' },
    ],
  ])('%s', (_title, events, expected) => {
    expect(run(...events)).toMatchObject(expected);
  });

  it('a machine recognised after answer is voicemail and not billed time (RESOLUTIONS.md 8)', () => {
    const result = applyCallEvent(answered(), { type: 'machineDetected', at: at(12) });
    expect(result).toMatchObject({ kind: 'applied', call: { status: 'voicemail', durationSeconds: 0 } });
  });

  it('a lost leg ends an answered call completed (provider_lost)', () => {
    expect(applyCallEvent(answered(), { type: 'legLost', at: at(20) })).toMatchObject({
      call: { status: 'completed', endReason: 'provider_lost', durationSeconds: 15 },
    });
  });

  it.each<[string, () => Call, CallEvent]>([
    ['ringing from queued', queued, { type: 'ringing', at: at(1) }],
    ['answered from queued', queued, { type: 'answered', at: at(1), by: 'human' }],
    [
      'hangup before answer',
      () => run({ type: 'dialAccepted', at: at(1) }),
      { type: 'hangup', at: at(2), reason: 'patient_hangup' },
    ],
    ['cancel after answer', answered, { type: 'cancel', at: at(9) }],
    ['ringing after answer', answered, { type: 'ringing', at: at(9) }],
    ['dial accepted twice', () => run({ type: 'dialAccepted', at: at(1) }), { type: 'dialAccepted', at: at(2) }],
    ['agent connected before answer', queued, { type: 'agentConnected', at: at(1) }],
    ['leg lost while queued', queued, { type: 'legLost', at: at(1) }],
  ])('rejects %s (INVALID_TRANSITION)', (_title, make, event) => {
    const call = make();
    expect(applyCallEvent(call, event)).toEqual({ kind: 'rejected', from: call.status, event: event.type });
  });

  it('a connected agent is recorded once', () => {
    const live = run(
      { type: 'dialAccepted', at: at(1) },
      { type: 'answered', at: at(2), by: 'human' },
      { type: 'agentConnected', at: at(3) },
    );
    expect(applyCallEvent(live, { type: 'agentConnected', at: at(4) }).kind).toBe('rejected');
  });

  it('never records an instant earlier than one it holds', () => {
    const call = run({ type: 'dialAccepted', at: at(10) }, { type: 'ringing', at: at(5) });
    expect(call.ringingAt).toEqual(at(10));
  });
});

const arbitraryEvent: fc.Arbitrary<CallEvent> = fc
  .tuple(
    fc.constantFrom<CallEvent['type']>(
      'dialAccepted',
      'dialRefused',
      'queueTimeout',
      'ringing',
      'answered',
      'dialFailed',
      'ringTimeout',
      'cancel',
      'agentConnected',
      'patientSpoke',
      'machineDetected',
      'hangup',
      'legLost',
    ),
    fc.integer({ min: 0, max: 4_000 }),
    fc.constantFrom('human' as const, 'machine' as const, 'unknown' as const),
    fc.constantFrom('busy' as const, 'no-answer' as const, 'failed' as const),
  )
  .map(([type, seconds, by, outcome]): CallEvent => {
    const when = at(seconds);
    switch (type) {
      case 'answered':
        return { type, at: when, by };
      case 'dialFailed':
        return { type, at: when, outcome };
      case 'hangup':
        return { type, at: when, reason: 'agent_goodbye' };
      default:
        return { type, at: when };
    }
  });

describe('call state machine properties', () => {
  const timestamps = (c: Call) =>
    [c.queuedAt, c.dialingAt, c.ringingAt, c.answeredAt, c.agentConnectedAt, c.endedAt].filter(
      (d): d is Date => d !== null,
    );

  it('no sequence of events reaches two terminal states; a terminal call never changes again', () => {
    fc.assert(
      fc.property(fc.array(arbitraryEvent, { maxLength: 25 }), (events) => {
        let call = queued();
        let terminalSeen: CallStatus | null = null;
        for (const event of events) {
          const result = applyCallEvent(call, event);
          if (terminalSeen !== null) {
            expect(result.kind).toBe('ignored');
            continue;
          }
          if (result.kind === 'applied') {
            expect(result.terminal).toBe(isTerminalCall(result.call.status));
            call = result.call;
            if (result.terminal) terminalSeen = call.status;
          }
        }
        if (terminalSeen !== null) expect(call.status).toBe(terminalSeen);
      }),
    );
  });

  it('terminal calls carry endedAt and outcome; completed implies answered; timestamps never go back', () => {
    fc.assert(
      fc.property(fc.array(arbitraryEvent, { maxLength: 25 }), (events) => {
        let call = queued();
        for (const event of events) {
          const result = applyCallEvent(call, event);
          if (result.kind === 'applied') call = result.call;
        }
        const times = timestamps(call).map((d) => d.getTime());
        expect([...times].sort((a, b) => a - b)).toEqual(times);
        if (TERMINAL_CALL_STATUSES.includes(call.status)) {
          expect(call.endedAt).not.toBeNull();
          expect(call.outcome).not.toBeNull();
        }
        if (call.status === 'completed') {
          expect(call.answeredAt).not.toBeNull();
          expect(call.durationSeconds).toBe(Math.ceil((call.endedAt!.getTime() - call.answeredAt!.getTime()) / 1000));
        } else {
          expect(call.durationSeconds).toBe(0);
        }
      }),
    );
  });
});
