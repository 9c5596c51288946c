import { conflict } from '../../../domain/shared/errors';

/** Compare-and-set on `version`: the stored record must still be the one the caller read. */
export const bumpVersion = <T extends { id: string; version: number }>(
  stored: T | undefined,
  next: T,
  entity: string,
): T => {
  if (stored === undefined) throw new Error(`${entity} ${next.id} does not exist`);
  if (stored.version !== next.version)
    throw conflict('STALE_VERSION', `${entity} was changed by someone else`, 'STALE_VERSION');
  return { ...next, version: next.version + 1 };
};
