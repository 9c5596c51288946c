import { mapAmdResult, mapDialOutcome, type DialSignals } from '../../../../adapters/telephony/ari/ari-dial-outcome';
import { AriRequestError, classifyAriError } from '../../../../adapters/telephony/ari/ari-errors';
import { parseAriEvent, subjectOf } from '../../../../adapters/telephony/ari/ari-event';
import { dialString, isE164, isUsableCallId, objectIdsFor } from '../../../../adapters/telephony/ari/ari-ids';
import { BrokenCircuitError, IsolatedCircuitError, TaskCancelledError } from 'cockatiel';

/** The pure parts of the ARI adapter: VOICE.md §2.6 dial outcomes, §2.7 AMD, §2.1 error wording, ids. */
describe('ARI mappings', () => {
  const signals = (overrides: Partial<DialSignals>): DialSignals => ({
    dialStatus: null,
    cause: null,
    causeText: null,
    elapsedMs: 1000,
    ringTimeoutMs: 30_000,
    ...overrides,
  });

  it.each([
    [{ dialStatus: 'BUSY' }, 'busy', 'dial:BUSY'],
    [{ cause: 17, causeText: 'User busy' }, 'busy', 'q850:17 User busy'],
    [{ cause: 21 }, 'busy', 'q850:21'],
    [{ dialStatus: 'NOANSWER', cause: 19 }, 'no-answer', 'q850:19'],
    [{ cause: 18 }, 'no-answer', 'q850:18'],
    [{ cause: 16, elapsedMs: 29_000 }, 'no-answer', 'q850:16'],
    [{ cause: 0, elapsedMs: 29_500 }, 'no-answer', 'q850:0'],
    [{ cause: 16, elapsedMs: 28_999 }, 'failed', 'q850:16'],
    [
      { dialStatus: 'CHANUNAVAIL', cause: 3, causeText: 'No route to destination' },
      'failed',
      'q850:3 No route to destination',
    ],
    [{ dialStatus: 'CONGESTION', cause: 34 }, 'failed', 'q850:34'],
    [{ cause: 38 }, 'failed', 'q850:38'],
    [{ dialStatus: 'CANCEL' }, 'failed', 'dial:CANCEL'],
  ])('maps %j to %s', (given, outcome, failureCode) => {
    expect(mapDialOutcome(signals(given))).toEqual({ outcome, failureCode });
  });

  it('says nothing about a failure code when no cause and no status is known', () => {
    expect(mapDialOutcome(signals({}))).toEqual({ outcome: 'failed' });
  });

  it.each([
    ['HUMAN', 'HUMAN-500-500', 'human'],
    ['MACHINE', 'LONGGREETING-2500-2500', 'machine'],
    ['MACHINE', 'MAXWORDS-5-5', 'machine'],
    ['MACHINE', 'MAXWORDLENGTH-5000', 'machine'],
    ['MACHINE', 'INITIALSILENCE-3500-3500', 'unknown'],
    ['NOTSURE', 'TOOLONG-5000', 'unknown'],
    ['HANGUP', '', 'unknown'],
  ])('maps AMD %s / %s to %s', (status, cause, by) => {
    expect(mapAmdResult(status, cause)).toBe(by);
  });

  it.each([
    [new Error('{"message":"Channel not found"}'), 'NotFound'],
    [new Error('{"message":"Bridge not found"}'), 'NotFound'],
    [new Error('{"message":"Channel not in Stasis application"}'), 'NotInStasis'],
    [new Error('{"message":"Channel with given unique ID already exists"}'), 'Conflict'],
    [new Error('{"message":"Allocation failed"}'), 'AriError'],
    [new Error('socket hang up'), 'AriError'],
    ['channelId is a required path param.', 'AriError'],
    [new TaskCancelledError('late'), 'Timeout'],
    [new BrokenCircuitError(), 'Unavailable'],
    [new IsolatedCircuitError(), 'Unavailable'],
  ])('classifies %p as %s by its wording', (error, kind) => {
    const classified = classifyAriError('channels.get', error);
    expect(classified).toBeInstanceOf(AriRequestError);
    expect(classified.kind).toBe(kind);
  });

  it('derives every Asterisk id from the call id and checks what may become one', () => {
    expect(objectIdsFor('65f0a1')).toEqual({
      pstn: 'bianca-65f0a1-pstn',
      media: 'bianca-65f0a1-media',
      bridge: 'bianca-65f0a1-br',
      apology: 'bianca-65f0a1-asset-1',
    });
    expect(isUsableCallId('65f0a1b2c3d4e5f6a7b8c9d0')).toBe(true);
    expect(isUsableCallId('a/b')).toBe(false);
    expect(isUsableCallId('')).toBe(false);
    expect(isE164('+15551234567')).toBe(true);
    expect(isE164('15551234567')).toBe(false);
    expect(isE164('+0123456789')).toBe(false);
    expect(dialString('PJSIP/{e164}@carrier', '+15551234567')).toBe('PJSIP/+15551234567@carrier');
  });

  it('reads events defensively and routes Dial by its peer', () => {
    const dial = parseAriEvent({
      type: 'Dial',
      dialstatus: 'RINGING',
      peer: { id: 'bianca-c1-pstn', state: 'Ringing' },
    });
    expect(dial).toMatchObject({ type: 'Dial', dialStatus: 'RINGING' });
    expect(subjectOf(dial!)).toMatchObject({ id: 'bianca-c1-pstn' });

    const destroyed = parseAriEvent({
      type: 'ChannelDestroyed',
      cause: 17,
      cause_txt: 'User busy',
      channel: { id: 'x', channelvars: { BIANCA_CALL_ID: 'c1', junk: 3 } },
    });
    expect(destroyed).toMatchObject({ cause: 17, causeText: 'User busy', channel: { vars: { BIANCA_CALL_ID: 'c1' } } });
    expect(parseAriEvent({ type: 'BridgeDestroyed', bridge: { id: 'bianca-c1-br' } })!.bridgeId).toBe('bianca-c1-br');
    expect(parseAriEvent({ cause: 1 })).toBeNull();
    expect(parseAriEvent('nonsense')).toBeNull();
    expect(subjectOf(parseAriEvent({ type: 'ApplicationReplaced' })!)).toBeNull();
  });
});
