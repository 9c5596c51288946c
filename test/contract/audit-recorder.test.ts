import { describeAuditRecorderContract } from './audit-recorder.contract';
import { describePersistenceTargets } from './persistence-targets';

describePersistenceTargets('AuditRecorder', (target) => describeAuditRecorderContract(target.name, target.open));
