import {
  customWindowProblem,
  localDateIn,
  monthWindowStart,
  rollingWindow,
  thirtyDaysEnding,
} from '../../../domain/analysis/analysis-windows';
import {
  automaticBaselineOf,
  qualityOf,
  significantChangesOf,
  type BaselinePoint,
  type MedicalBaseline,
} from '../../../domain/analysis/medical-baseline';

const DAY = 86_400_000;

describe('analysis windows', () => {
  it('starts the sentiment month at local midnight of the same date a month earlier, clamping month ends', () => {
    expect(monthWindowStart(new Date('2026-03-31T15:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-02-28T05:00:00.000Z',
    );
    // After the March 8 change to daylight time, local midnight of March 10 is UTC-4.
    expect(monthWindowStart(new Date('2026-04-10T12:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-03-10T04:00:00.000Z',
    );
    expect(monthWindowStart(new Date('2026-01-15T01:00:00Z'), 'Pacific/Auckland').toISOString()).toBe(
      '2025-12-14T11:00:00.000Z',
    );
  });

  it('rolls 30, 90 and 365 days back from now, and dates in the organisation zone', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(rollingWindow('quarter', now).start.getTime()).toBe(now.getTime() - 90 * DAY);
    expect(rollingWindow('year', now).end).toBe(now);
    expect(thirtyDaysEnding(now).start.getTime()).toBe(now.getTime() - 30 * DAY);
    expect(localDateIn(new Date('2026-06-01T02:00:00Z'), 'America/New_York')).toBe('2026-05-31');
    expect(localDateIn(new Date('2026-06-01T02:00:00Z'), 'not/a-zone')).toBe('2026-06-01');
  });

  it('accepts a custom window of both dates in order and at most a year long', () => {
    const start = new Date('2025-03-01T00:00:00Z');
    expect(customWindowProblem(undefined, start)).toBe('missing');
    expect(customWindowProblem(start, undefined)).toBe('missing');
    expect(customWindowProblem(start, start)).toBe('order');
    expect(customWindowProblem(start, new Date('2026-03-01T00:00:00Z'))).toBeNull();
    expect(customWindowProblem(start, new Date('2026-03-01T00:00:01Z'))).toBe('too_long');
  });
});

const point = (daysBefore: number, value: number, start: Date): BaselinePoint => ({
  date: new Date(start.getTime() - daysBefore * DAY),
  values: {
    vocabularyScore: value,
    depressionScore: value,
    anxietyScore: value,
    cognitiveScore: value,
    typeTokenRatio: value / 100,
    avgSentenceLength: value / 10,
  },
});

describe('medical baselines (DOMAIN.md §10.4)', () => {
  const windowStart = new Date('2026-06-01T00:00:00Z');

  it('needs 5 points of the 180 days before the window and is initial while history is young', () => {
    const four = [1, 2, 3, 4].map((d) => point(d, 50, windowStart));
    expect(automaticBaselineOf(four, windowStart, four[3].date, windowStart)).toBeNull();
    const five = [...four, point(5, 60, windowStart), point(200, 0, windowStart)];
    const baseline = automaticBaselineOf(five, windowStart, five[4].date, windowStart);
    expect(baseline?.type).toBe('initial');
    expect(baseline?.metrics.depressionScore).toEqual({ mean: 52, std: 4, min: 50, max: 60, count: 5 });
    expect(automaticBaselineOf(five, windowStart, new Date(windowStart.getTime() - 200 * DAY), windowStart)?.type).toBe(
      'rolling',
    );
  });

  it('rates quality by points and time span', () => {
    expect(qualityOf(2, 40)).toEqual({ dataPointCount: 2, timeSpanDays: 40, reliability: 'low', confidence: 30 });
    expect(qualityOf(12, 100)).toEqual({ dataPointCount: 12, timeSpanDays: 100, reliability: 'high', confidence: 100 });
  });

  it('reports changes of 2 standard deviations or more, with direction by polarity; manual values replace means', () => {
    const five = [1, 2, 3, 4, 5].map((d, i) => point(d, [50, 50, 50, 60, 50][i], windowStart));
    const automatic = automaticBaselineOf(five, windowStart, five[4].date, windowStart);
    const baseline: MedicalBaseline = {
      id: 'b',
      orgId: 'o',
      patientId: 'p',
      automatic,
      manual: null,
      establishedAt: windowStart,
      updatedAt: windowStart,
      version: 1,
    };
    const current = {
      vocabularyScore: 60,
      depressionScore: 62,
      anxietyScore: 52,
      cognitiveScore: 52,
      typeTokenRatio: 0.52,
      avgSentenceLength: 5.2,
    };
    const changes = significantChangesOf(current, baseline);
    expect(changes.map((c) => [c.metric, c.direction, c.severity])).toEqual([
      ['vocabularyScore', 'improved', 'medium'], // z = 8/4 = 2
      ['depressionScore', 'worsened', 'high'], // z = 10/4 = 2.5
    ]);
    const manual = significantChangesOf(current, {
      ...baseline,
      manual: { metrics: { anxietyScore: 20 }, setBy: 'x', setAt: windowStart },
    });
    expect(manual.find((c) => c.metric === 'anxietyScore')).toMatchObject({
      baselineValue: 20,
      zScore: 8,
      severity: 'critical',
    });
  });
});
