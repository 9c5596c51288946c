import { heardText } from '../../../adapters/voice/openai-realtime/assistant-items';
import { PatientTurns } from '../../../adapters/voice/openai-realtime/patient-turns';
import { replayWindow } from '../../../adapters/voice/openai-realtime/realtime-agent-session';
import { TurnLedger, type SettledTurn } from '../../../adapters/voice/openai-realtime/turn-ledger';

const at = new Date('2026-01-05T10:00:00Z');
const final = (itemId: string, role: 'assistant' | 'patient', text: string): SettledTurn => ({
  type: 'turnFinal',
  itemId,
  role,
  text,
  at,
});

/** Turns in item order (VOICE.md §4.12), the heard-text rule (DOMAIN.md §6.3) and the replay window (§4.9). */
describe('TurnLedger', () => {
  const setup = () => {
    const reported: SettledTurn[] = [];
    return { ledger: new TurnLedger((turn) => reported.push(turn)), reported };
  };

  it('holds a settled turn until every turn opened before it is settled or dropped', () => {
    const { ledger, reported } = setup();
    ledger.open('p1', 'patient');
    ledger.open('a1', 'assistant');
    ledger.open('p2', 'patient');

    ledger.settle(final('a1', 'assistant', 'Reply'));
    expect(reported).toEqual([]);
    ledger.settle(final('p1', 'patient', 'Hello'));
    expect(reported.map((turn) => turn.itemId)).toEqual(['p1', 'a1']);
    ledger.drop('p2');
    expect(ledger.openCount()).toBe(0);
  });

  it('reports a dropped turn that settles later at once, and a duplicate never', () => {
    const { ledger, reported } = setup();
    ledger.open('p1', 'patient');
    ledger.open('a1', 'assistant');
    ledger.dropOpen('patient');
    ledger.settle(final('a1', 'assistant', 'Reply'));

    ledger.settle(final('p1', 'patient', 'Late transcript'));
    ledger.settle(final('p1', 'patient', 'Late transcript'));

    expect(reported.map((turn) => turn.itemId)).toEqual(['a1', 'p1']);
  });

  it('keeps the heard transcript for replay, truncated turns with their heard words', () => {
    const { ledger } = setup();
    ledger.open('a1', 'assistant');
    ledger.settle({ type: 'turnTruncated', itemId: 'a1', heardText: 'Hello there', playedMs: 800 });
    ledger.settle(final('p1', 'patient', 'Hi'));
    ledger.settle({ type: 'turnTruncated', itemId: 'a2', heardText: '', playedMs: 10 });

    expect(ledger.history()).toEqual([
      { role: 'assistant', text: 'Hello there' },
      { role: 'patient', text: 'Hi' },
    ]);
  });
});

describe('heardText', () => {
  it('keeps the share of words the played audio covers', () => {
    expect(heardText('one two three four five six seven eight nine ten', 1000, 4000)).toBe('one two');
    expect(heardText('one two three', 3000, 3000)).toBe('one two three');
    expect(heardText('one two three', 0, 3000)).toBe('');
    expect(heardText('one two three', 5000, 3000)).toBe('one two three');
  });
});

describe('replayWindow', () => {
  const turns = Array.from({ length: 40 }, (_, i) => ({ role: 'patient' as const, text: `turn ${i}` }));

  it('keeps the newest turns within the turn limit, oldest first', () => {
    const kept = replayWindow(turns, 30, 8000);
    expect(kept).toHaveLength(30);
    expect(kept[0].text).toBe('turn 10');
    expect(kept[29].text).toBe('turn 39');
  });

  it('keeps the newest turns within the character limit', () => {
    const kept = replayWindow(turns, 30, 20);
    expect(kept.map((turn) => turn.text)).toEqual(['turn 38', 'turn 39']);
  });
});

describe('PatientTurns', () => {
  const setup = (waitMs = 40) => {
    const reported: SettledTurn[] = [];
    const ledger = new TurnLedger((turn) => reported.push(turn));
    const clock = { now: () => new Date('2026-01-05T10:00:10Z') };
    const turns = new PatientTurns(ledger, clock, waitMs);
    ledger.open('a0', 'assistant');
    return { ledger, turns, reported };
  };
  const settleAssistant = (ledger: TurnLedger, itemId: string) => ledger.settle(final(itemId, 'assistant', 'Reply'));

  it('dates a turn from the audio origin plus audio_start_ms', () => {
    const { ledger, turns, reported } = setup();
    turns.audioSent();
    turns.started('p1', 2500);
    turns.committed('p1');
    settleAssistant(ledger, 'a0');
    turns.transcribed('p1', 'Hello');

    expect(reported[1]).toEqual({
      type: 'turnFinal',
      itemId: 'p1',
      role: 'patient',
      text: 'Hello',
      at: new Date('2026-01-05T10:00:12.500Z'),
    });
    turns.close();
  });

  it('drops an utterance that was never committed once the next one starts, and an empty transcript', () => {
    const { ledger, turns, reported } = setup();
    turns.started('p1', 0);
    turns.started('p2', 900);
    turns.committed('p2');
    ledger.open('a1', 'assistant');
    settleAssistant(ledger, 'a1');
    turns.transcribed('p2', '  ');
    settleAssistant(ledger, 'a0');

    expect(reported.map((turn) => turn.itemId)).toEqual(['a0', 'a1']);
    turns.close();
  });

  it('stops holding later turns back when no transcript or commit comes in time', async () => {
    const { ledger, turns, reported } = setup(30);
    settleAssistant(ledger, 'a0');
    turns.started('p1', 0);
    turns.stopped('p1');
    ledger.open('a1', 'assistant');
    settleAssistant(ledger, 'a1');
    expect(reported.map((turn) => turn.itemId)).toEqual(['a0']);

    await new Promise((resolve) => setTimeout(resolve, 80));
    turns.transcribed('p1', 'Late words');

    expect(reported.map((turn) => turn.itemId)).toEqual(['a0', 'a1', 'p1']);
    turns.close();
  });
});
