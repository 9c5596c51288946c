import { AuditReport } from './audit-report';
import { GetBreach, ListBreaches, UpdateBreach } from './breach-admin';
import type { CompliancePorts } from './compliance-ports';
import { SearchAuditEntries } from './search-audit-entries';
import { VerifyAuditTrail } from './verify-audit-trail';

export const createComplianceUseCases = (ports: CompliancePorts) => ({
  ports,
  searchAudit: new SearchAuditEntries(ports),
  auditReport: new AuditReport(ports),
  verifyAudit: new VerifyAuditTrail(ports),
  listBreaches: new ListBreaches(ports),
  getBreach: new GetBreach(ports),
  updateBreach: new UpdateBreach(ports),
});

export type ComplianceUseCases = ReturnType<typeof createComplianceUseCases>;
