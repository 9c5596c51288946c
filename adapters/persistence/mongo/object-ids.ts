import { ObjectId } from 'mongodb';

const HEX_ID = /^[0-9a-f]{24}$/;

/**
 * Ids travel through the core as 24-hex strings (`ObjectIdGenerator`) and are stored as ObjectIds, so `_id`
 * and references (`orgId`, `caregiverId`) sort and join like any MongoDB data. Only lower-case hex is an id,
 * so every id comes back exactly as it went in.
 */
export const toObjectId = (id: string, field: string = 'id'): ObjectId => {
  if (!HEX_ID.test(id)) throw new Error(`${field} is not a 24-hex ObjectId string`);
  return ObjectId.createFromHexString(id);
};

/** For look-ups: an id that cannot be an ObjectId matches nothing, as an unknown id would. */
export const objectIdOrNull = (id: string): ObjectId | null =>
  HEX_ID.test(id) ? ObjectId.createFromHexString(id) : null;

export const nullableObjectId = (id: string | null, field: string): ObjectId | null =>
  id === null ? null : toObjectId(id, field);

/** Lower-case hex, as `ObjectIdGenerator` produces. */
export const hexOf = (id: ObjectId): string => id.toHexString();

export const nullableHex = (id: ObjectId | null): string | null => (id === null ? null : id.toHexString());
