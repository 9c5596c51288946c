import { inflateSync } from 'node:zlib';
import { deserialize, serialize } from 'bson';
import type { Document } from 'bson';

export const OP_REPLY: number = 1;
export const OP_QUERY: number = 2004;
export const OP_COMPRESSED: number = 2012;
export const OP_MSG: number = 2013;

export const HEADER_SIZE: number = 16;
const CHECKSUM_PRESENT: number = 1 << 0;
const MORE_TO_COME: number = 1 << 1;
const COMPRESSOR_NOOP: number = 0;
const COMPRESSOR_ZLIB: number = 2;

/** OP_MSG is answered with OP_MSG (`msg`); the legacy OP_QUERY handshake with OP_REPLY (`reply`). */
export type ReplyKind = 'msg' | 'reply';

export interface MessageHeader {
  readonly messageLength: number;
  readonly requestId: number;
  readonly responseTo: number;
  readonly opCode: number;
}

/** A request decoded from the wire: a command document plus how it must be answered. */
export interface DecodedRequest {
  readonly header: MessageHeader;
  readonly command: Document;
  readonly replyWith: ReplyKind;
  /** moreToCome: the client expects no reply (endSessions on close, w:0 writes). */
  readonly moreToCome: boolean;
}

export class WireProtocolError extends Error {
  readonly header: MessageHeader | undefined;

  constructor(message: string, header?: MessageHeader) {
    super(message);
    this.name = 'WireProtocolError';
    this.header = header;
  }
}

export function readHeader(buffer: Buffer): MessageHeader {
  return {
    messageLength: buffer.readInt32LE(0),
    requestId: buffer.readInt32LE(4),
    responseTo: buffer.readInt32LE(8),
    opCode: buffer.readInt32LE(12),
  };
}

function readCString(buffer: Buffer, offset: number): { value: string; next: number } {
  const end: number = buffer.indexOf(0, offset);
  if (end < 0) throw new WireProtocolError('unterminated cstring');
  return { value: buffer.toString('utf8', offset, end), next: end + 1 };
}

function readDocument(buffer: Buffer, offset: number): { doc: Document; next: number } {
  const size: number = buffer.readInt32LE(offset);
  if (size < 5 || offset + size > buffer.length) throw new WireProtocolError('BSON document overruns the message');
  return { doc: deserialize(buffer.subarray(offset, offset + size)), next: offset + size };
}

/**
 * OP_MSG: flagBits, then sections until the end (less 4 bytes when a checksum is present).
 * Kind 0 is the command body; each kind-1 document sequence (`documents`, `updates`, `deletes`) is
 * merged into the body as an array under its identifier.
 */
function decodeOpMsg(header: MessageHeader, message: Buffer): DecodedRequest {
  const flagBits: number = message.readUInt32LE(HEADER_SIZE);
  const end: number = message.length - ((flagBits & CHECKSUM_PRESENT) !== 0 ? 4 : 0);
  let offset: number = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  while (offset < end) {
    const kind: number = message.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      const read = readDocument(message, offset);
      body = read.doc;
      offset = read.next;
    } else if (kind === 1) {
      const sectionEnd: number = offset + message.readInt32LE(offset);
      const identifier = readCString(message, offset + 4);
      const docs: Document[] = [];
      let at: number = identifier.next;
      while (at < sectionEnd) {
        const read = readDocument(message, at);
        docs.push(read.doc);
        at = read.next;
      }
      sequences.push([identifier.value, docs]);
      offset = sectionEnd;
    } else {
      throw new WireProtocolError(`unknown OP_MSG section kind ${kind}`, header);
    }
  }
  if (body === undefined) throw new WireProtocolError('OP_MSG without a kind-0 section', header);
  for (const [identifier, docs] of sequences) body[identifier] = docs;
  return { header, command: body, replyWith: 'msg', moreToCome: (flagBits & MORE_TO_COME) !== 0 };
}

/** Legacy OP_QUERY, used by the driver only for the first `ismaster` of each connection (on `admin.$cmd`). */
function decodeOpQuery(header: MessageHeader, message: Buffer): DecodedRequest {
  const collection = readCString(message, HEADER_SIZE + 4);
  const { doc } = readDocument(message, collection.next + 8);
  const dot: number = collection.value.indexOf('.');
  const db: string = dot > 0 ? collection.value.slice(0, dot) : 'admin';
  if (!collection.value.endsWith('.$cmd')) {
    throw new WireProtocolError(`OP_QUERY is only supported for commands, not on ${collection.value}`, header);
  }
  const command: Document = '$query' in doc && typeof doc.$query === 'object' ? { ...(doc.$query as Document) } : doc;
  return { header, command: { ...command, $db: db }, replyWith: 'reply', moreToCome: false };
}

/** OP_COMPRESSED with the noop or zlib compressor is unwrapped; snappy and zstd are refused. */
function decompress(header: MessageHeader, message: Buffer): Buffer {
  const originalOpCode: number = message.readInt32LE(HEADER_SIZE);
  const compressorId: number = message.readUInt8(HEADER_SIZE + 8);
  const payload: Buffer = message.subarray(HEADER_SIZE + 9);
  let body: Buffer;
  if (compressorId === COMPRESSOR_NOOP) body = payload;
  else if (compressorId === COMPRESSOR_ZLIB) body = inflateSync(payload);
  else
    throw new WireProtocolError(
      `OP_COMPRESSED with compressor ${compressorId} is not supported (the server offers no compression)`,
      header,
    );
  const inner: Buffer = Buffer.alloc(HEADER_SIZE + body.length);
  inner.writeInt32LE(inner.length, 0);
  inner.writeInt32LE(header.requestId, 4);
  inner.writeInt32LE(header.responseTo, 8);
  inner.writeInt32LE(originalOpCode, 12);
  body.copy(inner, HEADER_SIZE);
  return inner;
}

/** Decodes one complete message (header included). */
export function decodeMessage(message: Buffer): DecodedRequest {
  const header: MessageHeader = readHeader(message);
  switch (header.opCode) {
    case OP_MSG:
      return decodeOpMsg(header, message);
    case OP_QUERY:
      return decodeOpQuery(header, message);
    case OP_COMPRESSED:
      return decodeMessage(decompress(header, message));
    default:
      throw new WireProtocolError(`unsupported opCode ${header.opCode}`, header);
  }
}

function frame(opCode: number, requestId: number, responseTo: number, body: Buffer): Buffer {
  const head: Buffer = Buffer.alloc(HEADER_SIZE);
  head.writeInt32LE(HEADER_SIZE + body.length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(opCode, 12);
  return Buffer.concat([head, body]);
}

/** OP_MSG reply: flagBits 0, one kind-0 section. */
export function encodeOpMsg(requestId: number, responseTo: number, reply: Document): Buffer {
  const doc: Uint8Array = serialize(reply);
  const body: Buffer = Buffer.alloc(5 + doc.length);
  body.writeUInt32LE(0, 0);
  body.writeUInt8(0, 4);
  Buffer.from(doc.buffer, doc.byteOffset, doc.byteLength).copy(body, 5);
  return frame(OP_MSG, requestId, responseTo, body);
}

/** OP_REPLY to the legacy handshake: AwaitCapable flag, cursor 0, one document. */
export function encodeOpReply(requestId: number, responseTo: number, reply: Document): Buffer {
  const doc: Uint8Array = serialize(reply);
  const body: Buffer = Buffer.alloc(20 + doc.length);
  body.writeInt32LE(8, 0);
  body.writeBigInt64LE(0n, 4);
  body.writeInt32LE(0, 12);
  body.writeInt32LE(1, 16);
  Buffer.from(doc.buffer, doc.byteOffset, doc.byteLength).copy(body, 20);
  return frame(OP_REPLY, requestId, responseTo, body);
}
