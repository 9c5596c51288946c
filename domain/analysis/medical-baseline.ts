import { mean, populationStd, round } from './analysis-math';
import type { SignificantChange } from './medical-analysis';

/**
 * Persisted medical baselines (DOMAIN.md §10.4): statistics of the patient's eligible conversations before an
 * analysed window, compared with the window as z-scores. An admin may also set manual reference values
 * (API-CONTRACT.md §6.3); a manual value replaces the automatic mean of its metric, with the automatic spread
 * when there is one, else a spread of 10 points on the 0-100 scale (a documented heuristic, not a norm).
 */
export const BASELINE_METRICS = [
  'vocabularyScore',
  'depressionScore',
  'anxietyScore',
  'cognitiveScore',
  'typeTokenRatio',
  'avgSentenceLength',
] as const;
export type BaselineMetric = (typeof BASELINE_METRICS)[number];

export const MANUAL_BASELINE_METRICS = [
  'vocabularyScore',
  'depressionScore',
  'anxietyScore',
  'cognitiveScore',
] as const;
export type ManualBaselineMetric = (typeof MANUAL_BASELINE_METRICS)[number];
export type ManualBaselineMetrics = Readonly<Partial<Record<ManualBaselineMetric, number>>>;

/** Higher is better for these; worse for the others. */
const HIGHER_IS_BETTER: ReadonlySet<BaselineMetric> = new Set([
  'vocabularyScore',
  'typeTokenRatio',
  'avgSentenceLength',
]);

export const MANUAL_DEFAULT_STD = 10;
const DAY_MS = 86_400_000;
export const BASELINE_RULES = { minimumPoints: 5, initialDays: 90, rollingDays: 180, significantZ: 2 } as const;

export interface MetricStatistics {
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

export interface BaselineQuality {
  readonly dataPointCount: number;
  readonly timeSpanDays: number;
  readonly reliability: 'low' | 'medium' | 'high';
  readonly confidence: number;
}

export interface AutomaticBaseline {
  readonly type: 'initial' | 'rolling';
  readonly dataWindow: { readonly start: Date; readonly end: Date };
  readonly metrics: Readonly<Record<BaselineMetric, MetricStatistics>>;
  readonly quality: BaselineQuality;
}

export interface ManualBaseline {
  readonly metrics: ManualBaselineMetrics;
  readonly setBy: string;
  readonly setAt: Date;
}

/** One active baseline per patient; `version` counts recomputations and manual changes. */
export interface MedicalBaseline {
  readonly id: string;
  readonly orgId: string;
  readonly patientId: string;
  readonly automatic: AutomaticBaseline | null;
  readonly manual: ManualBaseline | null;
  readonly establishedAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export interface BaselinePoint {
  readonly date: Date;
  readonly values: Readonly<Record<BaselineMetric, number>>;
}

export const qualityOf = (points: number, spanDays: number): BaselineQuality => {
  const reliability = points < 3 || spanDays < 7 ? 'low' : points < 10 || spanDays < 30 ? 'medium' : 'high';
  const spanBonus = spanDays >= 90 ? 30 : spanDays >= 30 ? 20 : spanDays >= 7 ? 10 : 0;
  const reliabilityBonus = reliability === 'high' ? 20 : reliability === 'medium' ? 10 : 0;
  return {
    dataPointCount: points,
    timeSpanDays: round(spanDays, 1),
    reliability,
    confidence: Math.min(100, Math.min(points * 5, 50) + spanBonus + reliabilityBonus),
  };
};

export const statisticsOf = (values: readonly number[]): MetricStatistics => ({
  mean: round(mean(values), 4),
  std: round(populationStd(values), 4),
  min: values.length === 0 ? 0 : Math.min(...values),
  max: values.length === 0 ? 0 : Math.max(...values),
  count: values.length,
});

/**
 * The automatic baseline for a window starting at `windowStart`: the eligible points of the 180 days before it
 * (which, while the first eligible conversation is under 90 days old, are all the points before it: `initial`;
 * afterwards `rolling`). Fewer than 5 points give none.
 */
export const automaticBaselineOf = (
  points: readonly BaselinePoint[],
  windowStart: Date,
  firstEligibleAt: Date | null,
  now: Date,
): AutomaticBaseline | null => {
  const from = windowStart.getTime() - BASELINE_RULES.rollingDays * DAY_MS;
  const used = points.filter((p) => p.date.getTime() >= from && p.date.getTime() < windowStart.getTime());
  if (used.length < BASELINE_RULES.minimumPoints) return null;
  const times = used.map((p) => p.date.getTime());
  const metrics = Object.fromEntries(
    BASELINE_METRICS.map((metric) => [metric, statisticsOf(used.map((p) => p.values[metric]))]),
  ) as Record<BaselineMetric, MetricStatistics>;
  const initial =
    firstEligibleAt !== null && now.getTime() - firstEligibleAt.getTime() < BASELINE_RULES.initialDays * DAY_MS;
  return {
    type: initial ? 'initial' : 'rolling',
    dataWindow: { start: new Date(Math.min(...times)), end: new Date(Math.max(...times)) },
    metrics,
    quality: qualityOf(used.length, (Math.max(...times) - Math.min(...times)) / DAY_MS),
  };
};

/** The mean and spread a metric is compared against, if the baseline has one. */
export const referenceFor = (
  baseline: MedicalBaseline | null,
  metric: BaselineMetric,
): { mean: number; std: number } | null => {
  const automatic = baseline?.automatic?.metrics[metric] ?? null;
  const manual = (MANUAL_BASELINE_METRICS as readonly string[]).includes(metric)
    ? baseline?.manual?.metrics[metric as ManualBaselineMetric]
    : undefined;
  if (manual !== undefined)
    return { mean: manual, std: automatic !== null && automatic.std > 0 ? automatic.std : MANUAL_DEFAULT_STD };
  return automatic === null ? null : { mean: automatic.mean, std: automatic.std };
};

export const hasBaseline = (baseline: MedicalBaseline | null): boolean =>
  baseline !== null && (baseline.automatic !== null || baseline.manual !== null);

const changeSeverity = (z: number): SignificantChange['severity'] =>
  Math.abs(z) >= 3 ? 'critical' : Math.abs(z) >= 2.5 ? 'high' : 'medium';

/** Metrics of the window that moved at least 2 standard deviations from the baseline (§10.4). */
export const significantChangesOf = (
  current: Readonly<Record<BaselineMetric, number>>,
  baseline: MedicalBaseline | null,
): SignificantChange[] => {
  const changes: SignificantChange[] = [];
  for (const metric of BASELINE_METRICS) {
    const reference = referenceFor(baseline, metric);
    if (reference === null) continue;
    const value = current[metric];
    const z = reference.std === 0 ? 0 : (value - reference.mean) / reference.std;
    if (Math.abs(z) < BASELINE_RULES.significantZ) continue;
    const percentChange =
      reference.mean === 0 ? (value > 0 ? 100 : 0) : ((value - reference.mean) / reference.mean) * 100;
    changes.push({
      metric,
      currentValue: round(value, 2),
      baselineValue: round(reference.mean, 2),
      zScore: round(z, 2),
      percentChange: round(percentChange, 1),
      direction: z > 0 === HIGHER_IS_BETTER.has(metric) ? 'improved' : 'worsened',
      severity: changeSeverity(z),
    });
  }
  return changes;
};
