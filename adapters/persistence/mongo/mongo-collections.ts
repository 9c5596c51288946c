/** Collection names of the Mongo profile (the memory adapter uses the same names for its collections). */
export const COLLECTIONS = {
  orgs: 'orgs',
  caregivers: 'caregivers',
  oneTimeTokens: 'one_time_tokens',
  breachLogs: 'breach_logs',
  outbox: 'outbox',
  outboxHandled: 'outbox_handled',
  patients: 'patients',
  careTeam: 'care_team',
  schedules: 'schedules',
  conversations: 'conversations',
  alerts: 'alerts',
  calls: 'calls',
  lineItems: 'line_items',
  emergencyPhrases: 'emergency_phrases',
  reports: 'reports',
} as const;
