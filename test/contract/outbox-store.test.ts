import { describeOutboxStoreContract } from './outbox-store.contract';
import { describePersistenceTargets } from './persistence-targets';

describePersistenceTargets('OutboxStore', (target) => describeOutboxStoreContract(target.name, target.open));
