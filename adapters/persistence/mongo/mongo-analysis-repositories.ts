import type { Collection, Filter } from 'mongodb';
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
import {
  baselineFromDocument,
  baselineToDocument,
  fraudFromDocument,
  fraudToDocument,
  medicalFromDocument,
  medicalToDocument,
  type FraudAbuseAnalysisDocument,
  type MedicalAnalysisDocument,
  type MedicalBaselineDocument,
} from './analysis-mapper';
import { ANALYSIS_COLLECTIONS, ANALYSIS_UNIQUE_INDEXES } from './mongo-analysis-collections';
import type { MongoDatabase } from './mongo-connection';
import { writeOrConflict, type UniqueRule } from './mongo-errors';
import { objectIdOrNull } from './object-ids';

/** Newest first, ties by id descending: the memory adapter's order. */
const NEWEST_FIRST = { analysisDate: -1, _id: -1 } as const;

const idRule = (entity: string): UniqueRule => ({ index: '_id_', field: '_id', conflict: () => duplicateId(entity) });

/** Medical analyses in `medical_analyses` (immutable once inserted). */
export class MongoMedicalAnalysisRepository implements MedicalAnalysisRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get analyses(): Collection<MedicalAnalysisDocument> {
    return this.db.collection<MedicalAnalysisDocument>(ANALYSIS_COLLECTIONS.medical);
  }

  private async matching(filter: Filter<MedicalAnalysisDocument>, limit = 0): Promise<MedicalAnalysis[]> {
    const docs = await this.analyses.find(filter, this.db.options()).sort(NEWEST_FIRST).limit(limit).toArray();
    return docs.map(medicalFromDocument);
  }

  async insert(analysis: MedicalAnalysis): Promise<void> {
    const doc = medicalToDocument(analysis);
    await writeOrConflict(() => this.analyses.insertOne(doc, this.db.options()), [idRule('Medical analysis')]);
  }

  async findById(id: string): Promise<MedicalAnalysis | null> {
    const _id = objectIdOrNull(id);
    if (_id === null) return null;
    const doc = await this.analyses.findOne({ _id }, this.db.options());
    return doc === null ? null : medicalFromDocument(doc);
  }

  async latestOfPatient(patientId: string, limit: number): Promise<readonly MedicalAnalysis[]> {
    const patient = objectIdOrNull(patientId);
    return patient === null ? [] : this.matching({ patientId: patient }, limit);
  }

  async ofPatientBetween(patientId: string, from: Date, to: Date): Promise<readonly MedicalAnalysis[]> {
    const patient = objectIdOrNull(patientId);
    if (patient === null) return [];
    return (await this.matching({ patientId: patient, analysisDate: { $gte: from, $lte: to } })).reverse();
  }

  async latestOfRange(
    patientId: string,
    timeRange: AnalysisTimeRange,
    before: Date,
    limit: number,
  ): Promise<readonly MedicalAnalysis[]> {
    const patient = objectIdOrNull(patientId);
    if (patient === null) return [];
    return this.matching({ patientId: patient, timeRange, analysisDate: { $lt: before } }, limit);
  }
}

/** Fraud/abuse analyses in `fraud_abuse_analyses` (immutable once inserted). */
export class MongoFraudAbuseAnalysisRepository implements FraudAbuseAnalysisRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get analyses(): Collection<FraudAbuseAnalysisDocument> {
    return this.db.collection<FraudAbuseAnalysisDocument>(ANALYSIS_COLLECTIONS.fraud);
  }

  private async first(filter: Filter<FraudAbuseAnalysisDocument>): Promise<FraudAbuseAnalysis | null> {
    const [doc] = await this.analyses.find(filter, this.db.options()).sort(NEWEST_FIRST).limit(1).toArray();
    return doc === undefined ? null : fraudFromDocument(doc);
  }

  async insert(analysis: FraudAbuseAnalysis): Promise<void> {
    const doc = fraudToDocument(analysis);
    await writeOrConflict(() => this.analyses.insertOne(doc, this.db.options()), [idRule('Fraud/abuse analysis')]);
  }

  async findById(id: string): Promise<FraudAbuseAnalysis | null> {
    const _id = objectIdOrNull(id);
    if (_id === null) return null;
    const doc = await this.analyses.findOne({ _id }, this.db.options());
    return doc === null ? null : fraudFromDocument(doc);
  }

  async latestOfPatient(patientId: string, limit: number): Promise<readonly FraudAbuseAnalysis[]> {
    const patient = objectIdOrNull(patientId);
    if (patient === null) return [];
    const docs = await this.analyses
      .find({ patientId: patient }, this.db.options())
      .sort(NEWEST_FIRST)
      .limit(limit)
      .toArray();
    return docs.map(fraudFromDocument);
  }

  findReusable(query: FraudAbuseReuseQuery): Promise<FraudAbuseAnalysis | null> {
    const patient = objectIdOrNull(query.patientId);
    if (patient === null) return Promise.resolve(null);
    return this.first({
      patientId: patient,
      timeRange: query.timeRange,
      analysisDate: { $gte: query.since },
      ...(query.window === undefined ? {} : { startDate: query.window.start, endDate: query.window.end }),
    });
  }

  latestEndingBefore(patientId: string, before: Date): Promise<FraudAbuseAnalysis | null> {
    const patient = objectIdOrNull(patientId);
    if (patient === null) return Promise.resolve(null);
    return this.first({ patientId: patient, endDate: { $lt: before } });
  }
}

/** Baselines in `medical_baselines`, one per patient (unique index), replaced under compare-and-set. */
export class MongoMedicalBaselineRepository implements MedicalBaselineRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get baselines(): Collection<MedicalBaselineDocument> {
    return this.db.collection<MedicalBaselineDocument>(ANALYSIS_COLLECTIONS.baselines);
  }

  async findByPatient(patientId: string): Promise<MedicalBaseline | null> {
    const patient = objectIdOrNull(patientId);
    if (patient === null) return null;
    const doc = await this.baselines.findOne({ patientId: patient }, this.db.options());
    return doc === null ? null : baselineFromDocument(doc);
  }

  async save(baseline: MedicalBaseline): Promise<MedicalBaseline> {
    const saved: MedicalBaseline = { ...baseline, version: baseline.version + 1 };
    const doc = baselineToDocument(saved);
    // A second first baseline of the patient (a concurrent insert) hits the unique index: the same conflict.
    const rules: UniqueRule[] = [
      { index: ANALYSIS_UNIQUE_INDEXES.baselinePatient, field: 'patientId', conflict: () => staleVersion('Baseline') },
      { index: '_id_', field: '_id', conflict: () => staleVersion('Baseline') },
    ];
    if (baseline.version === 0) {
      await writeOrConflict(() => this.baselines.insertOne(doc, this.db.options()), rules);
      return saved;
    }
    const result = await this.baselines.replaceOne({ _id: doc._id, version: baseline.version }, doc, this.db.options());
    if (result.matchedCount === 0) throw staleVersion('Baseline');
    return saved;
  }
}
