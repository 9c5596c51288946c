/** Injection tokens of the reports context (plain symbols, like application/ports/tokens.ts). */
export const REPORT_TOKENS = {
  Ports: Symbol.for('reports.Ports'),
  UseCases: Symbol.for('reports.UseCases'),
  ReportRepository: Symbol.for('reports.ReportRepository'),
} as const;
