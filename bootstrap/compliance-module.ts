import type { Container } from 'inversify';
import type { AuditSequencer } from '../application/audit/audit-sequencer';
import type { VerifyAuditChain } from '../application/audit/verify-audit-chain';
import type { CompliancePorts } from '../application/compliance/compliance-ports';
import { createComplianceUseCases, type ComplianceUseCases } from '../application/compliance/compliance-use-cases';
import type { AuditRecorder } from '../application/ports/audit-recorder';
import type { AuditStore } from '../application/ports/audit-store';
import { AUDIT_TOKENS } from '../application/ports/audit-tokens';
import type { BreachLogRepository } from '../application/ports/breach-log-repository';
import type { Clock } from '../application/ports/clock';
import type { IdGenerator } from '../application/ports/id-generator';
import { TOKENS } from '../application/ports/tokens';
import { complianceRoutes } from '../adapters/http/routes/compliance-routes';
import { addRouteModule } from './route-modules';

export const COMPLIANCE_TOKENS = { UseCases: Symbol.for('compliance.UseCases') } as const;

/** The audit views, the chain verification and the breach log administration (API-CONTRACT.md §6.3). */
export const bindCompliance = (c: Container): void => {
  c.bind(COMPLIANCE_TOKENS.UseCases).toResolvedValue(
    (...deps: unknown[]): ComplianceUseCases => {
      const [store, audit, verifier, breaches, clock, ids, sequencer] = deps as [
        AuditStore,
        AuditRecorder,
        VerifyAuditChain,
        BreachLogRepository,
        Clock,
        IdGenerator,
        AuditSequencer,
      ];
      const ports: CompliancePorts = {
        store,
        audit,
        verifier,
        breaches,
        clock,
        ids,
        chainPending: () => sequencer.drain(),
      };
      return createComplianceUseCases(ports);
    },
    [
      AUDIT_TOKENS.AuditStore,
      TOKENS.shared.AuditRecorder,
      AUDIT_TOKENS.VerifyAuditChain,
      TOKENS.identity.BreachLogRepository,
      TOKENS.shared.Clock,
      TOKENS.shared.IdGenerator,
      AUDIT_TOKENS.AuditSequencer,
    ],
  );
  addRouteModule(c, (container) => (requireAuth) => [
    complianceRoutes(container.get<ComplianceUseCases>(COMPLIANCE_TOKENS.UseCases), requireAuth),
  ]);
};
