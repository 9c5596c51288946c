import { describeCaregiverRepositoryContract } from './caregiver-repository.contract';
import { describePersistenceTargets } from './persistence-targets';

describePersistenceTargets('CaregiverRepository', (target) =>
  describeCaregiverRepositoryContract(target.name, target.open, target.traits),
);
