import type { ReportContent } from './report';

/**
 * Deterministic recommendations from a report's sections: each rule that applies adds its sentence, in this
 * order, so the same records always read the same. Texts are fixed English sentences stored with the report.
 */
type Sections = Omit<ReportContent, 'recommendations'>;

interface Rule {
  readonly applies: (s: Sections) => boolean;
  readonly text: string;
}

const RULES: readonly Rule[] = [
  {
    applies: (s) => s.emergencies.bySeverity.CRITICAL > 0,
    text: 'Critical emergencies were detected in this period: review the care plan with the care team.',
  },
  {
    applies: (s) => s.emergencies.unacknowledged > 0,
    text: 'Some emergency alerts are still unacknowledged: open them in the app to acknowledge them.',
  },
  {
    applies: (s) => s.calls.attempted === 0 && s.calls.manual === 0,
    text: 'No calls took place in this period: check that the patient has an active call schedule.',
  },
  {
    applies: (s) => s.calls.attempted >= 2 && s.calls.answerRate < 0.5,
    text: 'Fewer than half of the calls were answered: confirm the phone number and the best time to call.',
  },
  {
    applies: (s) => s.sentiment.trend === 'declining',
    text: 'Mood has been declining from call to call: consider a personal visit or a call from family.',
  },
  {
    applies: (s) => s.sentiment.average !== null && s.sentiment.average <= -0.3,
    text: 'Conversations were mostly negative: check in on how the patient is feeling.',
  },
  {
    applies: (s) => s.alerts.byImportance.urgent + s.alerts.byImportance.high >= 3,
    text: 'Several urgent or high-importance alerts were raised: discuss them at the next care-team review.',
  },
];

const NOTHING_TO_REPORT = 'No concerns were found in this period: keep the current call schedule.';

export const recommendationsFor = (sections: Sections): string[] => {
  const texts = RULES.filter((rule) => rule.applies(sections)).map((rule) => rule.text);
  return texts.length > 0 ? texts : [NOTHING_TO_REPORT];
};
