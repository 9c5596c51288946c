import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { deserialize, serialize } from 'bson';
import type { Document } from 'bson';
import { MongoClient } from 'mongodb';
import { startMongoWireServer } from '../../support/mongo-wire';
import type { MongoWireServer } from '../../support/mongo-wire';

interface RawReply {
  readonly responseTo: number;
  readonly opCode: number;
  readonly doc: Document;
}

/** A bare TCP client speaking the wire protocol by hand, to check framing the driver hides. */
class RawClient {
  private readonly socket: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiting: Array<(reply: RawReply) => void> = [];
  private readonly replies: RawReply[] = [];
  readonly closed: Promise<void>;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.closed = new Promise<void>((resolve: () => void) => this.socket.on('close', () => resolve()));
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 4 && this.buffer.length >= this.buffer.readInt32LE(0)) {
      const length: number = this.buffer.readInt32LE(0);
      const message: Buffer = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      const opCode: number = message.readInt32LE(12);
      const docStart: number = opCode === 1 ? 36 : 21;
      const reply: RawReply = {
        responseTo: message.readInt32LE(8),
        opCode,
        doc: deserialize(message.subarray(docStart)),
      };
      const next: ((r: RawReply) => void) | undefined = this.waiting.shift();
      if (next) next(reply);
      else this.replies.push(reply);
    }
  }

  nextReply(): Promise<RawReply> {
    const ready: RawReply | undefined = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise<RawReply>((resolve: (r: RawReply) => void) => this.waiting.push(resolve));
  }

  send(requestId: number, opCode: number, body: Buffer): void {
    const header: Buffer = Buffer.alloc(16);
    header.writeInt32LE(16 + body.length, 0);
    header.writeInt32LE(requestId, 4);
    header.writeInt32LE(0, 8);
    header.writeInt32LE(opCode, 12);
    this.socket.write(Buffer.concat([header, body]));
  }

  opMsg(requestId: number, command: Document, options: { flags?: number; sequence?: [string, Document[]] } = {}): void {
    const flags: Buffer = Buffer.alloc(4);
    flags.writeUInt32LE(options.flags ?? 0, 0);
    const parts: Buffer[] = [flags, Buffer.from([0]), Buffer.from(serialize(command))];
    if (options.sequence) {
      const [identifier, docs] = options.sequence;
      const payload: Buffer = Buffer.concat([
        Buffer.from(`${identifier}\0`),
        ...docs.map((d: Document) => Buffer.from(serialize(d))),
      ]);
      const size: Buffer = Buffer.alloc(4);
      size.writeInt32LE(4 + payload.length, 0);
      parts.push(Buffer.from([1]), size, payload);
    }
    this.send(requestId, 2013, Buffer.concat(parts));
  }

  opQuery(requestId: number, command: Document): void {
    const head: Buffer = Buffer.alloc(4);
    const tail: Buffer = Buffer.alloc(8);
    tail.writeInt32LE(-1, 4);
    this.send(
      requestId,
      2004,
      Buffer.concat([head, Buffer.from('admin.$cmd\0'), tail, Buffer.from(serialize(command))]),
    );
  }

  close(): void {
    this.socket.destroy();
  }
}

describe('mongo wire server: wire protocol and lifecycle', () => {
  let server: MongoWireServer;

  beforeAll(async () => {
    server = await startMongoWireServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('answers the legacy OP_QUERY handshake with OP_REPLY', async () => {
    const raw: RawClient = new RawClient(server.port);
    try {
      raw.opQuery(7, { ismaster: 1, helloOk: true, compression: ['zlib'] });
      const reply: RawReply = await raw.nextReply();
      expect(reply.opCode).toBe(1);
      expect(reply.responseTo).toBe(7);
      expect(reply.doc).toMatchObject({ ok: 1, helloOk: true, ismaster: true, compression: [], maxWireVersion: 21 });
    } finally {
      raw.close();
    }
  });

  it('sends no reply to a moreToCome message and merges kind-1 document sequences', async () => {
    const raw: RawClient = new RawClient(server.port);
    try {
      raw.opMsg(
        1,
        { insert: 'seq', $db: 'wire', ordered: true },
        { flags: 2, sequence: ['documents', [{ _id: 1 }, { _id: 2 }]] },
      );
      raw.opMsg(2, { insert: 'seq', $db: 'wire' }, { sequence: ['documents', [{ _id: 3 }]] });
      const reply: RawReply = await raw.nextReply();
      expect(reply.responseTo).toBe(2);
      expect(reply.opCode).toBe(2013);
      expect(reply.doc).toMatchObject({ n: 1, ok: 1 });
      raw.opMsg(3, { count: 'seq', $db: 'wire' });
      expect((await raw.nextReply()).doc).toMatchObject({ n: 3, ok: 1 });
    } finally {
      raw.close();
    }
  });

  it('answers unknown commands with code 59 and closes a connection that sends garbage, staying up', async () => {
    const raw: RawClient = new RawClient(server.port);
    raw.opMsg(1, { frobnicate: 1, $db: 'admin' });
    expect((await raw.nextReply()).doc).toMatchObject({ ok: 0, code: 59, codeName: 'CommandNotFound' });
    raw.send(2, 2013, Buffer.from([0, 0, 0, 0, 9, 1, 2, 3]));
    expect((await raw.nextReply()).doc).toMatchObject({ ok: 0 });
    await raw.closed;
    const fresh: RawClient = new RawClient(server.port);
    try {
      fresh.opMsg(3, { ping: 1, $db: 'admin' });
      expect((await fresh.nextReply()).doc).toEqual({ ok: 1 });
    } finally {
      fresh.close();
    }
  });

  it('frees its port on stop, so a new server can listen on it', async () => {
    const first: MongoWireServer = await startMongoWireServer();
    const client: MongoClient = await new MongoClient(first.url).connect();
    await client.db('x').collection('y').insertOne({ a: 1 });
    await client.close();
    await first.stop();
    const second: MongoWireServer = await startMongoWireServer({ port: first.port });
    try {
      expect(second.port).toBe(first.port);
      const again: MongoClient = await new MongoClient(second.url).connect();
      expect(await again.db('x').collection('y').countDocuments()).toBe(0);
      await again.close();
    } finally {
      await second.stop();
    }
  });

  it('reset() forgets all data', async () => {
    const client: MongoClient = await new MongoClient(server.url).connect();
    try {
      await client.db('r').collection('c').insertOne({ a: 1 });
      server.reset();
      expect(await client.db('r').collection('c').countDocuments()).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('runs standalone from the CLI, printing only its URL, and exits on SIGTERM', async () => {
    const cli: string = join(__dirname, '../../support/mongo-wire/cli.ts');
    const tsx: string = require.resolve('tsx/cli');
    const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [tsx, cli], {
      env: { ...process.env, MONGO_WIRE_PORT: '0' },
    });
    const exited: Promise<number | null> = new Promise<number | null>((resolve: (code: number | null) => void) =>
      child.on('exit', resolve),
    );
    try {
      const firstLine: string = await new Promise<string>(
        (resolve: (line: string) => void, reject: (e: Error) => void) => {
          let out: string = '';
          child.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
          });
          child.on('exit', () => reject(new Error(`cli exited early: ${out}`)));
        },
      );
      expect(firstLine).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/\?replicaSet=rs0$/);
      const client: MongoClient = await new MongoClient(firstLine).connect();
      expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
      await client.close();
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 30_000);
});
