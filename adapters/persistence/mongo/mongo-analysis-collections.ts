import type { Db, IndexDescription } from 'mongodb';

/**
 * Collections and indexes of the analysis context on the Mongo profile. Kept beside the shared COLLECTIONS and
 * INDEX_DEFINITIONS until bootstrap merges them (one list for `ensureIndexes` and the test-support `clean`).
 */
export const ANALYSIS_COLLECTIONS = {
  medical: 'medical_analyses',
  fraud: 'fraud_abuse_analyses',
  baselines: 'medical_baselines',
} as const;

export const ANALYSIS_UNIQUE_INDEXES = { baselinePatient: 'medical_baselines_patient_unique' } as const;

export const ANALYSIS_INDEX_DEFINITIONS: Readonly<Record<string, readonly IndexDescription[]>> = {
  // Lists are newest first per patient; the range index serves "previous monthly analyses".
  [ANALYSIS_COLLECTIONS.medical]: [
    { key: { patientId: 1, analysisDate: -1, _id: -1 }, name: 'medical_analyses_patient_date' },
    { key: { patientId: 1, timeRange: 1, analysisDate: -1 }, name: 'medical_analyses_patient_range_date' },
  ],
  [ANALYSIS_COLLECTIONS.fraud]: [
    { key: { patientId: 1, analysisDate: -1, _id: -1 }, name: 'fraud_abuse_analyses_patient_date' },
    { key: { patientId: 1, timeRange: 1, analysisDate: -1 }, name: 'fraud_abuse_analyses_patient_range_date' },
    { key: { patientId: 1, endDate: -1 }, name: 'fraud_abuse_analyses_patient_end' },
  ],
  [ANALYSIS_COLLECTIONS.baselines]: [
    { key: { patientId: 1 }, name: ANALYSIS_UNIQUE_INDEXES.baselinePatient, unique: true },
  ],
};

/** Creates the analysis collections' indexes (idempotent), as `ensureIndexes` does for the others. */
export const ensureAnalysisIndexes = async (db: Db): Promise<void> => {
  for (const [collection, indexes] of Object.entries(ANALYSIS_INDEX_DEFINITIONS)) {
    await db.collection(collection).createIndexes([...indexes]);
  }
};
