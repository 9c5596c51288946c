import fc from 'fast-check';
import { leastSquaresSlope, populationVariance } from '../../../domain/analysis/analysis-math';
import { summaryTrendOf, trendConfidenceOf, trendDirectionOf } from '../../../domain/analysis/sentiment-trend';

/**
 * Invariants of the sentiment trend math (API-CONTRACT.md §4.12): the direction follows the sign of a monotone
 * series, the confidence stays inside its bounds, and mirrored or shifted series behave as the formula says.
 */
const score = fc.double({ min: -1, max: 1, noNaN: true });
const scores = (min: number, max = 40) => fc.array(score, { minLength: min, maxLength: max });

/** A strictly rising series whose every step is at least `minStep`. */
const rising = (minStep: number) =>
  fc
    .record({
      start: fc.double({ min: -1, max: 0, noNaN: true }),
      steps: fc.array(fc.double({ min: minStep, max: 0.2, noNaN: true }), { minLength: 2, maxLength: 10 }),
    })
    .map(({ start, steps }) =>
      steps.reduce<number[]>((series, step) => [...series, series[series.length - 1] + step], [start]),
    );

/** Steps large enough to leave the 0.02 "stable" band of the slope. */
const risingSeries = rising(0.05);

describe('sentiment trend properties', () => {
  it('a rising series (n >= 3) is improving, its mirror declining', () => {
    fc.assert(
      fc.property(risingSeries, (series) => {
        expect(leastSquaresSlope(series)).toBeGreaterThan(0);
        expect(trendDirectionOf(series)).toBe('improving');
        expect(trendDirectionOf(series.map((v) => -v))).toBe('declining');
        expect(trendDirectionOf([...series].reverse())).toBe('declining');
      }),
    );
  });

  it('a constant series is stable whatever its length', () => {
    fc.assert(
      fc.property(score, fc.integer({ min: 0, max: 30 }), (value, n) => {
        expect(trendDirectionOf(Array.from({ length: n }, () => value))).toBe('stable');
      }),
    );
  });

  it('shifting every score by a constant changes neither direction nor confidence', () => {
    fc.assert(
      fc.property(scores(3), fc.double({ min: -0.5, max: 0.5, noNaN: true }), (series, shift) => {
        const shifted = series.map((v) => v + shift);
        // Both are rounded to 2 decimals: float noise may flip a value sitting on a rounding edge by 0.01.
        expect(Math.abs(trendConfidenceOf(shifted) - trendConfidenceOf(series))).toBeLessThanOrEqual(0.0101);
        expect(leastSquaresSlope(shifted)).toBeCloseTo(leastSquaresSlope(series), 9);
      }),
    );
  });

  it('confidence is 0, 0.2, 0.4 below three points and within [0, 0.95] above', () => {
    fc.assert(
      fc.property(scores(0), (series) => {
        const confidence = trendConfidenceOf(series);
        if (series.length < 3) expect(confidence).toBe([0, 0.2, 0.4][series.length]);
        else {
          expect(confidence).toBeGreaterThanOrEqual(0);
          expect(confidence).toBeLessThanOrEqual(0.95);
          const expected = Math.min(
            0.95,
            (Math.min(1, series.length / 8) + Math.min(1, 2 * populationVariance(series))) / 2,
          );
          expect(Math.abs(confidence - expected)).toBeLessThanOrEqual(0.0051);
        }
      }),
    );
  });

  it('the summary trend reads a newest-first rise of steps above 0.1 as improving, its mirror as declining', () => {
    // Adjacent groups differ by at least one step, so steps above the ±0.1 threshold must show.
    fc.assert(
      fc.property(rising(0.11), (oldestFirst) => {
        const newestFirst = [...oldestFirst].reverse();
        expect(summaryTrendOf(newestFirst)).toBe('improving');
        expect(summaryTrendOf(newestFirst.map((v) => -v))).toBe('declining');
      }),
    );
  });

  it('the summary trend is never improving for a non-rising history', () => {
    fc.assert(
      fc.property(rising(0), (oldestFirst) => {
        expect(summaryTrendOf(oldestFirst)).not.toBe('improving');
      }),
    );
  });
});
