import type { FraudAbuseAnalysis } from '../../../domain/analysis/fraud-abuse-analysis';
import type { AnalysisTimeRange, MedicalAnalysis } from '../../../domain/analysis/medical-analysis';
import type { MedicalBaseline } from '../../../domain/analysis/medical-baseline';
import type {
  FraudAbuseAnalysisRepository,
  FraudAbuseReuseQuery,
  MedicalAnalysisRepository,
  MedicalBaselineRepository,
} from '../../../application/ports/analysis-result-repository';
import { duplicateId, staleVersion } from '../persistence-conflicts';
import type { MemoryDatabase } from './memory-database';
import { settle } from './settle';

/** The same collection names as the Mongo profile's (mongo-analysis-collections.ts). */
const ANALYSIS_COLLECTIONS = {
  medical: 'medical_analyses',
  fraud: 'fraud_abuse_analyses',
  baselines: 'medical_baselines',
} as const;

interface Dated {
  readonly id: string;
  readonly analysisDate: Date;
}

/** Newest first by analysis date, ties by id descending (the order every list of the port promises). */
const newestFirst = <T extends Dated>(items: T[]): T[] =>
  items.sort((a, b) => b.analysisDate.getTime() - a.analysisDate.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));

const insertNew = <T extends { id: string }>(
  collection: ReturnType<MemoryDatabase['collection']>,
  item: T,
  entity: string,
): Promise<void> =>
  settle(() => {
    if (collection.get(item.id) !== undefined) throw duplicateId(entity);
    collection.put(item);
  });

/** Medical analyses of the embedded store. */
export class InMemoryMedicalAnalysisRepository implements MedicalAnalysisRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get analyses() {
    return this.db.collection<MedicalAnalysis>(ANALYSIS_COLLECTIONS.medical);
  }

  insert(analysis: MedicalAnalysis): Promise<void> {
    return insertNew(this.analyses, analysis, 'Medical analysis');
  }

  findById(id: string): Promise<MedicalAnalysis | null> {
    return Promise.resolve(this.analyses.get(id) ?? null);
  }

  latestOfPatient(patientId: string, limit: number): Promise<readonly MedicalAnalysis[]> {
    return Promise.resolve(newestFirst(this.analyses.find((a) => a.patientId === patientId)).slice(0, limit));
  }

  ofPatientBetween(patientId: string, from: Date, to: Date): Promise<readonly MedicalAnalysis[]> {
    const found = this.analyses.find(
      (a) =>
        a.patientId === patientId &&
        a.analysisDate.getTime() >= from.getTime() &&
        a.analysisDate.getTime() <= to.getTime(),
    );
    return Promise.resolve(newestFirst(found).reverse());
  }

  latestOfRange(
    patientId: string,
    timeRange: AnalysisTimeRange,
    before: Date,
    limit: number,
  ): Promise<readonly MedicalAnalysis[]> {
    const found = this.analyses.find(
      (a) => a.patientId === patientId && a.timeRange === timeRange && a.analysisDate.getTime() < before.getTime(),
    );
    return Promise.resolve(newestFirst(found).slice(0, limit));
  }
}

/** Fraud/abuse analyses of the embedded store. */
export class InMemoryFraudAbuseAnalysisRepository implements FraudAbuseAnalysisRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get analyses() {
    return this.db.collection<FraudAbuseAnalysis>(ANALYSIS_COLLECTIONS.fraud);
  }

  insert(analysis: FraudAbuseAnalysis): Promise<void> {
    return insertNew(this.analyses, analysis, 'Fraud/abuse analysis');
  }

  findById(id: string): Promise<FraudAbuseAnalysis | null> {
    return Promise.resolve(this.analyses.get(id) ?? null);
  }

  latestOfPatient(patientId: string, limit: number): Promise<readonly FraudAbuseAnalysis[]> {
    return Promise.resolve(newestFirst(this.analyses.find((a) => a.patientId === patientId)).slice(0, limit));
  }

  findReusable(query: FraudAbuseReuseQuery): Promise<FraudAbuseAnalysis | null> {
    const { window } = query;
    const found = this.analyses.find(
      (a) =>
        a.patientId === query.patientId &&
        a.timeRange === query.timeRange &&
        a.analysisDate.getTime() >= query.since.getTime() &&
        (window === undefined ||
          (a.startDate.getTime() === window.start.getTime() && a.endDate.getTime() === window.end.getTime())),
    );
    return Promise.resolve(newestFirst(found)[0] ?? null);
  }

  latestEndingBefore(patientId: string, before: Date): Promise<FraudAbuseAnalysis | null> {
    const found = this.analyses.find((a) => a.patientId === patientId && a.endDate.getTime() < before.getTime());
    return Promise.resolve(newestFirst(found)[0] ?? null);
  }
}

/** One baseline per patient, replaced under compare-and-set on `version`. */
export class InMemoryMedicalBaselineRepository implements MedicalBaselineRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get baselines() {
    return this.db.collection<MedicalBaseline>(ANALYSIS_COLLECTIONS.baselines);
  }

  findByPatient(patientId: string): Promise<MedicalBaseline | null> {
    return Promise.resolve(this.baselines.find((b) => b.patientId === patientId)[0] ?? null);
  }

  save(baseline: MedicalBaseline): Promise<MedicalBaseline> {
    return settle(() => {
      const stored = this.baselines.find((b) => b.patientId === baseline.patientId)[0];
      if ((stored?.version ?? 0) !== baseline.version || (stored !== undefined && stored.id !== baseline.id)) {
        throw staleVersion('Baseline');
      }
      const saved = { ...baseline, version: baseline.version + 1 };
      this.baselines.put(saved);
      return saved;
    });
  }
}
