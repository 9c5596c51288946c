import { matchesIn, type CompiledPhrase } from './compiled-phrase';
import { UtteranceContext, type ContextFilter } from './context-filters';
import { categoryRank, severityRank, type Category, type Severity } from './emergency-phrase';
import { chunksOf, normaliseUtterance } from './text-normalisation';

/**
 * The matching and decision steps of emergency detection (DOMAIN.md §7.3.1-§7.3.6), pure and deterministic:
 * normalise, run every phrase over every chunk, set aside the matches a context filter explains, then pick the
 * most urgent of the rest. Deduplication and alerting (§7.3.7-§7.3.8) belong to the call pipeline.
 */
export interface DetectionMatch {
  readonly phraseId: string;
  readonly label: string;
  readonly severity: Severity;
  readonly category: Category;
  readonly start: number;
  readonly end: number;
  /** The matched part of the normalised turn. */
  readonly matchedText: string;
  readonly filter: ContextFilter | null;
}

export interface Detection {
  /** The turn as it was matched (normalised, at most 2,000 characters). */
  readonly text: string;
  /** Every match, in decision order (most urgent first). */
  readonly matches: readonly DetectionMatch[];
  /** The match that decides: the most urgent one no filter set aside; null when there is none. */
  readonly decisive: DetectionMatch | null;
  /** With no decisive match, the most urgent match a filter set aside; otherwise null. */
  readonly suppressed: DetectionMatch | null;
  /** `min(1, 0.8 × s × c)`, 2 decimals; informational, never gates an alert. Null without a decisive match. */
  readonly confidence: number | null;
}

const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { CRITICAL: 1.2, HIGH: 1.0, MEDIUM: 0.8 };
const CATEGORY_WEIGHT: Readonly<Record<Category, number>> = { Medical: 1.1, Safety: 1.0, Physical: 0.9, Request: 0.8 };

export const confidenceOf = (severity: Severity, category: Category): number =>
  Math.round(Math.min(1, 0.8 * SEVERITY_WEIGHT[severity] * CATEGORY_WEIGHT[category]) * 100) / 100;

/** Highest severity, then category order, then the smallest phrase id, then the earliest occurrence. */
export const compareMatches = (a: DetectionMatch, b: DetectionMatch): number =>
  severityRank(a.severity) - severityRank(b.severity) ||
  categoryRank(a.category) - categoryRank(b.category) ||
  (a.phraseId < b.phraseId ? -1 : a.phraseId > b.phraseId ? 1 : 0) ||
  a.start - b.start;

/**
 * Detects emergencies in one patient turn. `phrases` is the effective set (DOMAIN.md §7.3.2); `language` is the
 * turn's language, which chooses the context filters (English and Spanish have them).
 */
export const detectEmergency = (text: string, language: string, phrases: readonly CompiledPhrase[]): Detection => {
  const normalised = normaliseUtterance(text);
  const context = UtteranceContext.of(normalised, language);
  const matches: DetectionMatch[] = [];
  for (const chunk of chunksOf(normalised)) {
    for (const compiled of phrases) {
      for (const match of matchesIn(compiled, chunk.text, chunk.offset)) {
        matches.push({
          phraseId: match.phrase.id,
          label: match.phrase.label,
          severity: match.phrase.severity,
          category: match.phrase.category,
          start: match.start,
          end: match.end,
          matchedText: normalised.slice(match.start, match.end),
          filter: context.filterFor(match.start),
        });
      }
    }
  }
  matches.sort(compareMatches);
  const decisive = matches.find((m) => m.filter === null) ?? null;
  return {
    text: normalised,
    matches,
    decisive,
    suppressed: decisive === null ? (matches[0] ?? null) : null,
    confidence: decisive === null ? null : confidenceOf(decisive.severity, decisive.category),
  };
};

/** The answer of `POST /emergency-phrases/test` (API-CONTRACT.md §6.3). */
export interface DryRunResult {
  readonly isEmergency: boolean;
  readonly severity: Severity | null;
  readonly category: Category | null;
  readonly phraseId: string | null;
  readonly matchedText: string | null;
  readonly suppressedBy: ContextFilter | null;
}

/**
 * An emergency names its deciding phrase; a turn whose every match was set aside names the most urgent of those
 * and the filter that set it aside, so an administrator can see which phrase matched and why it did not count.
 */
export const dryRunResultOf = (detection: Detection): DryRunResult => {
  const shown = detection.decisive ?? detection.suppressed;
  return {
    isEmergency: detection.decisive !== null,
    severity: shown?.severity ?? null,
    category: shown?.category ?? null,
    phraseId: shown?.phraseId ?? null,
    matchedText: shown?.matchedText ?? null,
    suppressedBy: detection.decisive === null ? (detection.suppressed?.filter ?? null) : null,
  };
};
