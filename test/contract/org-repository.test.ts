import { describeOrgRepositoryContract } from './org-repository.contract';
import { describePersistenceTargets } from './persistence-targets';

describePersistenceTargets('OrgRepository', (target) =>
  describeOrgRepositoryContract(target.name, target.open, target.traits),
);
