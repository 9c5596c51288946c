import { describeOneTimeTokenRepositoryContract } from './one-time-token-repository.contract';
import { describePersistenceTargets } from './persistence-targets';

describePersistenceTargets('OneTimeTokenRepository', (target) =>
  describeOneTimeTokenRepositoryContract(target.name, target.open),
);
