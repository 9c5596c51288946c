import { describePersistenceTargets } from './persistence-targets';
import { describeUnitOfWorkContract } from './unit-of-work.contract';

describePersistenceTargets('UnitOfWork', (target) =>
  describeUnitOfWorkContract(target.name, target.open, target.traits),
);
