import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import type { Document } from 'bson';
import { asCommandError, CommandError, ErrorCode } from './errors';
import {
  decodeMessage,
  encodeOpMsg,
  encodeOpReply,
  HEADER_SIZE,
  OP_QUERY,
  readHeader,
  WireProtocolError,
} from './wire-codec';
import type { DecodedRequest, MessageHeader, ReplyKind } from './wire-codec';

/** Answers one command; never rejects (errors are reply documents). */
export type CommandHandlerFn = (command: Document, connectionId: number) => Promise<Document>;

/** Largest message accepted: the advertised maxMessageSizeBytes plus room for the header and sections. */
const MAX_INCOMING_MESSAGE: number = 48_000_000 + 64 * 1024;

/**
 * One client connection: reassembles length-prefixed messages from the TCP stream and answers them one
 * at a time, in order (a serial queue per connection, as the driver expects).
 */
class Connection {
  readonly id: number;
  private readonly socket: Socket;
  private readonly handle: CommandHandlerFn;
  private readonly nextRequestId: () => number;
  private chunks: Buffer[] = [];
  private buffered: number = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(id: number, socket: Socket, handle: CommandHandlerFn, nextRequestId: () => number) {
    this.id = id;
    this.socket = socket;
    this.handle = handle;
    this.nextRequestId = nextRequestId;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer): void => this.receive(chunk));
    socket.on('error', (): void => undefined);
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.buffered < 4) return;
      if (this.chunks[0] !== undefined && this.chunks[0].length < 4) this.chunks = [Buffer.concat(this.chunks)];
      const length: number = this.chunks[0].readInt32LE(0);
      if (length < HEADER_SIZE || length > MAX_INCOMING_MESSAGE) {
        this.socket.destroy();
        return;
      }
      if (this.buffered < length) return;
      const all: Buffer = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      const message: Buffer = all.subarray(0, length);
      const rest: Buffer = all.subarray(length);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
      this.queue = this.queue.then((): Promise<void> => this.process(message));
    }
  }

  private async process(message: Buffer): Promise<void> {
    let request: DecodedRequest;
    try {
      request = decodeMessage(message);
    } catch (error: unknown) {
      this.refuse(readHeader(message), error);
      return;
    }
    const reply: Document = await this.handle(request.command, this.id);
    if (request.moreToCome || this.socket.destroyed) return;
    this.send(request.replyWith, request.header, reply);
  }

  /** A message that cannot be decoded gets an error reply when its kind allows one, then the connection closes. */
  private refuse(header: MessageHeader, error: unknown): void {
    const reason: string = error instanceof WireProtocolError || error instanceof Error ? error.message : String(error);
    const reply: Document = new CommandError(ErrorCode.BadValue, `wire test server: ${reason}`).toReply();
    this.send(header.opCode === OP_QUERY ? 'reply' : 'msg', header, reply);
    this.socket.end();
  }

  private send(kind: ReplyKind, header: MessageHeader, reply: Document): void {
    let bytes: Buffer;
    try {
      bytes = this.encode(kind, header, reply);
    } catch (error: unknown) {
      bytes = this.encode(kind, header, asCommandError(error).toReply());
    }
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  private encode(kind: ReplyKind, header: MessageHeader, reply: Document): Buffer {
    return kind === 'msg'
      ? encodeOpMsg(this.nextRequestId(), header.requestId, reply)
      : encodeOpReply(this.nextRequestId(), header.requestId, reply);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** The TCP side of the wire test server: accepts connections and hands decoded commands to `handle`. */
export class WireServer {
  private readonly server: Server;
  private readonly connections: Set<Connection> = new Set<Connection>();
  private connectionCounter: number = 0;
  private requestCounter: number = 0;

  constructor(handle: CommandHandlerFn) {
    this.server = createServer((socket: Socket): void => {
      this.connectionCounter += 1;
      const connection: Connection = new Connection(this.connectionCounter, socket, handle, (): number => {
        this.requestCounter = (this.requestCounter + 1) & 0x7fffffff;
        return this.requestCounter;
      });
      this.connections.add(connection);
      socket.on('close', (): void => {
        this.connections.delete(connection);
      });
    });
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise<number>((resolve: (port: number) => void, reject: (error: Error) => void): void => {
      this.server.once('error', reject);
      this.server.listen(port, host, (): void => {
        this.server.off('error', reject);
        this.server.on('error', (): void => undefined);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  get openConnections(): number {
    return this.connections.size;
  }

  /** Stops accepting, destroys every socket and resolves once the port is free. */
  close(): Promise<void> {
    return new Promise<void>((resolve: () => void): void => {
      this.server.close((): void => resolve());
      for (const connection of this.connections) connection.destroy();
      this.connections.clear();
    });
  }
}
