import { aggregateCommands } from './aggregate';
import { collectionCommands } from './collections';
import type { CommandHandler } from './context';
import { findCommands } from './find';
import { findAndModifyCommands } from './find-and-modify';
import { handshakeCommands } from './handshake';
import { indexCommands } from './indexes';
import { sessionCommands } from './sessions';
import { writeCommands } from './writes';

/** Every command the wire test server answers, by the name that is the first field of the command. */
export const COMMANDS: ReadonlyMap<string, CommandHandler> = new Map<string, CommandHandler>([
  ...handshakeCommands,
  ...sessionCommands,
  ...findCommands,
  ...writeCommands,
  ...findAndModifyCommands,
  ...aggregateCommands,
  ...collectionCommands,
  ...indexCommands,
]);
