import { describeBreachLogRepositoryContract } from './breach-log-repository.contract';
import { describePersistenceTargets } from './persistence-targets';

describePersistenceTargets('BreachLogRepository', (target) =>
  describeBreachLogRepositoryContract(target.name, target.open),
);
