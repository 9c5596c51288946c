import { ObjectId } from 'bson';
import type { IdGenerator } from '../../application/ports/id-generator';

/** MongoDB ObjectIds as hex strings: the id format the caregiver app and both stores share. */
export class ObjectIdGenerator implements IdGenerator {
  next(): string {
    return new ObjectId().toHexString();
  }
}
