import { analyseFraudAbuseWindow, type FraudAbuseAnalysis } from '../../domain/analysis/fraud-abuse-analysis';
import { fraudCountsOf } from '../../domain/analysis/fraud-counts';
import { computeConversationMetrics } from '../../domain/analysis/conversation-metrics';
import type { AnalysisTimeRange, MedicalAnalysis } from '../../domain/analysis/medical-analysis';
import type { MedicalBaseline } from '../../domain/analysis/medical-baseline';
import { analyseMedicalWindow } from '../../domain/analysis/medical-scoring';
import { prepareText } from '../../domain/analysis/text-preparation';
import type {
  FraudAbuseAnalysisRepository,
  MedicalAnalysisRepository,
  MedicalBaselineRepository,
} from '../../application/ports/analysis-result-repository';
import type { UnitOfWork } from '../../application/ports/unit-of-work';
import { newId, orderedId } from './persistence-fixtures';

/** What the analysis contract needs from a target: the three result ports over one empty database. */
export interface AnalysisStores {
  readonly uow: UnitOfWork;
  readonly medical: MedicalAnalysisRepository;
  readonly fraud: FraudAbuseAnalysisRepository;
  readonly baselines: MedicalBaselineRepository;
}

const ORG = newId();
const T0 = new Date('2026-04-01T10:00:00.000Z');
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

const TURNS = [
  'I walked to the market with my neighbour and bought bread, tomatoes and flowers for the kitchen table today.',
  'A man said you won the lottery, send money by western union, $2,000, and my new friend asked me to sign.',
  'Um, what is the word, I feel hopeless sometimes but my family visits on Sundays.',
];

/** A full medical analysis (every nested part filled) of `patientId` made at `analysisDate`. */
export const aMedicalAnalysis = (
  patientId: string,
  analysisDate: Date,
  fields: Partial<MedicalAnalysis> = {},
): MedicalAnalysis => ({
  ...analyseMedicalWindow({
    id: newId(),
    orgId: ORG,
    patientId,
    source: 'manual',
    timeRange: 'custom',
    startDate: new Date(analysisDate.getTime() - 30 * 86_400_000),
    endDate: analysisDate,
    analysisDate,
    conversationCount: 1,
    messageCount: TURNS.length,
    metrics: [
      computeConversationMetrics({
        conversationId: newId(),
        date: analysisDate,
        messageCount: 3,
        text: prepareText(TURNS, 'en'),
      }),
    ],
    unsupportedConversations: 1,
    baseline: null,
    previousMonthly: [],
  }),
  ...fields,
});

export const aFraudAnalysis = (
  patientId: string,
  analysisDate: Date,
  fields: Partial<FraudAbuseAnalysis> = {},
): FraudAbuseAnalysis => ({
  ...analyseFraudAbuseWindow({
    id: newId(),
    orgId: ORG,
    patientId,
    source: 'on_demand',
    timeRange: 'month',
    startDate: new Date(analysisDate.getTime() - 30 * 86_400_000),
    endDate: analysisDate,
    analysisDate,
    conversationCount: 1,
    messageCount: 3,
    totalWords: 60,
    confidence: 'low',
    counts: [fraudCountsOf(newId(), analysisDate, prepareText(TURNS, 'en'))],
    unsupportedConversations: 0,
    previous: null,
  }),
  ...fields,
});

const aBaseline = (patientId: string, fields: Partial<MedicalBaseline> = {}): MedicalBaseline => ({
  id: newId(),
  orgId: ORG,
  patientId,
  automatic: {
    type: 'initial',
    dataWindow: { start: at(-100), end: at(-1) },
    metrics: {
      vocabularyScore: { mean: 55.5, std: 3.25, min: 50, max: 60, count: 5 },
      depressionScore: { mean: 10, std: 0, min: 10, max: 10, count: 5 },
      anxietyScore: { mean: 0, std: 0, min: 0, max: 0, count: 5 },
      cognitiveScore: { mean: 12.5, std: 1.5, min: 10, max: 15, count: 5 },
      typeTokenRatio: { mean: 0.42, std: 0.01, min: 0.4, max: 0.44, count: 5 },
      avgSentenceLength: { mean: 9.5, std: 1, min: 8, max: 11, count: 5 },
    },
    quality: { dataPointCount: 5, timeSpanDays: 4.1, reliability: 'low', confidence: 25 },
  },
  manual: { metrics: { depressionScore: 20, cognitiveScore: 5 }, setBy: newId(), setAt: at(-2) },
  establishedAt: at(-50),
  updatedAt: at(-2),
  version: 0,
  ...fields,
});

/** The analysis result contract every adapter passes (memory, Mongo wire server, real MongoDB). */
export const describeAnalysisRepositoryContract = (name: string, open: () => Promise<AnalysisStores>): void => {
  describe(`analysis result repositories contract (${name})`, () => {
    let s: AnalysisStores;
    beforeEach(async () => {
      s = await open();
    });

    it('round-trips a complete medical analysis and refuses a second insert of its id', async () => {
      const analysis = aMedicalAnalysis(newId(), T0);
      expect(analysis.cognitiveMetrics.indicators.length + analysis.warnings.length).toBeGreaterThan(0);
      await s.medical.insert(analysis);
      expect(await s.medical.findById(analysis.id)).toEqual(analysis);
      await expect(s.medical.insert(analysis)).rejects.toMatchObject({ id: 'DUPLICATE_ID' });
      expect(await s.medical.findById(newId())).toBeNull();
      expect(await s.medical.findById('not-an-id')).toBeNull();
    });

    it('lists a patient medical analyses newest first (ties by id descending), by window and by range', async () => {
      const patient = newId();
      const a = aMedicalAnalysis(patient, at(1), { id: orderedId(1) });
      const b = aMedicalAnalysis(patient, at(2), { id: orderedId(2), timeRange: 'month' });
      const c = aMedicalAnalysis(patient, at(2), { id: orderedId(3), timeRange: 'month' });
      const other = aMedicalAnalysis(newId(), at(3));
      for (const item of [b, other, a, c]) await s.medical.insert(item);
      expect((await s.medical.latestOfPatient(patient, 10)).map((x) => x.id)).toEqual([c.id, b.id, a.id]);
      expect((await s.medical.latestOfPatient(patient, 2)).map((x) => x.id)).toEqual([c.id, b.id]);
      expect((await s.medical.ofPatientBetween(patient, at(1), at(1.5))).map((x) => x.id)).toEqual([a.id]);
      expect((await s.medical.ofPatientBetween(patient, at(0), at(5))).map((x) => x.id)).toEqual([a.id, b.id, c.id]);
      const month: AnalysisTimeRange = 'month';
      expect((await s.medical.latestOfRange(patient, month, at(5), 1)).map((x) => x.id)).toEqual([c.id]);
      expect(await s.medical.latestOfRange(patient, month, at(2), 5)).toEqual([]);
      expect(await s.medical.latestOfPatient('bad', 5)).toEqual([]);
    });

    it('round-trips a complete fraud/abuse analysis, flagged people with their dates included', async () => {
      const analysis = aFraudAnalysis(newId(), T0);
      expect(analysis.relationshipRisk.flaggedPeople.length).toBeGreaterThan(0);
      await s.fraud.insert(analysis);
      expect(await s.fraud.findById(analysis.id)).toEqual(analysis);
      await expect(s.fraud.insert(analysis)).rejects.toMatchObject({ id: 'DUPLICATE_ID' });
    });

    it('finds a reusable fraud analysis by range and age, custom ones by their exact window', async () => {
      const patient = newId();
      const month = aFraudAnalysis(patient, at(10));
      const custom = aFraudAnalysis(patient, at(11), { timeRange: 'custom', startDate: at(-100), endDate: at(5) });
      for (const item of [month, custom]) await s.fraud.insert(item);
      expect((await s.fraud.findReusable({ patientId: patient, timeRange: 'month', since: at(9) }))?.id).toBe(month.id);
      expect(await s.fraud.findReusable({ patientId: patient, timeRange: 'month', since: at(10.5) })).toBeNull();
      expect(await s.fraud.findReusable({ patientId: patient, timeRange: 'quarter', since: at(0) })).toBeNull();
      const window = { start: at(-100), end: at(5) };
      expect((await s.fraud.findReusable({ patientId: patient, timeRange: 'custom', since: at(0), window }))?.id).toBe(
        custom.id,
      );
      const shifted = { start: at(-100), end: at(6) };
      expect(
        await s.fraud.findReusable({ patientId: patient, timeRange: 'custom', since: at(0), window: shifted }),
      ).toBeNull();
    });

    it('finds the newest analysis whose window ended before a date, and lists newest first', async () => {
      const patient = newId();
      const early = aFraudAnalysis(patient, at(1), { endDate: at(1) });
      const late = aFraudAnalysis(patient, at(3), { endDate: at(3) });
      for (const item of [late, early]) await s.fraud.insert(item);
      expect((await s.fraud.latestEndingBefore(patient, at(2)))?.id).toBe(early.id);
      expect((await s.fraud.latestEndingBefore(patient, at(4)))?.id).toBe(late.id);
      expect(await s.fraud.latestEndingBefore(patient, at(1))).toBeNull();
      expect((await s.fraud.latestOfPatient(patient, 5)).map((x) => x.id)).toEqual([late.id, early.id]);
    });

    it('keeps one baseline per patient under compare-and-set on version', async () => {
      const patient = newId();
      expect(await s.baselines.findByPatient(patient)).toBeNull();
      const first = await s.baselines.save(aBaseline(patient));
      expect(first.version).toBe(1);
      expect(await s.baselines.findByPatient(patient)).toEqual(first);
      const cleared = await s.baselines.save({ ...first, manual: null, automatic: null, updatedAt: at(1) });
      expect(cleared.version).toBe(2);
      expect(await s.baselines.findByPatient(patient)).toEqual(cleared);
      await expect(s.baselines.save({ ...first, updatedAt: at(2) })).rejects.toMatchObject({ reason: 'STALE_VERSION' });
      await expect(s.baselines.save(aBaseline(patient))).rejects.toMatchObject({ reason: 'STALE_VERSION' });
      expect((await s.baselines.findByPatient(patient))?.version).toBe(2);
    });

    it('undoes analysis writes when the unit of work fails', async () => {
      const analysis = aMedicalAnalysis(newId(), T0);
      await expect(
        s.uow.run(async () => {
          await s.medical.insert(analysis);
          await s.baselines.save(aBaseline(analysis.patientId));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await s.medical.findById(analysis.id)).toBeNull();
      expect(await s.baselines.findByPatient(analysis.patientId)).toBeNull();
    });
  });
};
