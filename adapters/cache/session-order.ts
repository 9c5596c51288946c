import type { Session } from '../../domain/identity/session';

/** `listActiveOf` order shared by the session stores: newest `createdAt` first, then id (descending) on ties. */
export const newestSessionFirst = (a: Session, b: Session): number =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
