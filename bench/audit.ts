/**
 * P10 (QUALITY.md): the audit trail's cost, side by side with baselines measured in the same run.
 *
 * 1. Overhead per audited event on the embedded store: a pending insert by `PendingAuditRecorder` (the request's
 *    share) and the full cost with the sequencer chaining it at once (PHI filter, RFC 8785 body, SHA-256, HMAC,
 *    compare-and-set append in a transaction, checkpoints every 1,000) against a bare in-memory push of the same event; sequential awaits (one request's view) and a concurrent burst.
 *    Bar: overhead <= 0.5 ms per event.
 * 2. The same on the Mongo wire test server through the real driver: chained record vs a plain `insertOne` into a
 *    collection with the same indexes. Informational: the wire server is a noisy test double, and a real server's
 *    round trip dominates both.
 * 3. Verification of 100k entries (`VerifyAuditChain`, pages of 1,000, checkpoints included), next to the bare
 *    crypto floor (one SHA-256 and one HMAC per entry). Bar: <= 2 s.
 *
 * Usage: npx tsx bench/audit.ts [--events N] [--verify N] [--mongo-events N]   (exits 1 when a bar is missed).
 */
import { createHmac, createSecretKey, hash } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { AuditSequencer } from '../application/audit/audit-sequencer';
import { PendingAuditRecorder } from '../application/audit/pending-audit-recorder';
import type { AuditStore } from '../application/ports/audit-store';
import type { UnitOfWork } from '../application/ports/unit-of-work';
import { InMemoryUnitOfWork } from '../adapters/persistence/memory/in-memory-unit-of-work';
import { MongoUnitOfWork } from '../adapters/persistence/mongo/mongo-unit-of-work';
import { VerifyAuditChain } from '../application/audit/verify-audit-chain';
import type { AuditEvent } from '../application/ports/audit-recorder';
import { InMemoryAuditStore } from '../adapters/persistence/memory/in-memory-audit-store';
import { MemoryDatabase } from '../adapters/persistence/memory/memory-database';
import { MongoDatabase } from '../adapters/persistence/mongo/mongo-connection';
import { MongoAuditStore, ensureAuditIndexes } from '../adapters/persistence/mongo/mongo-audit-store';
import { HmacAuditSigner } from '../adapters/security/hmac-audit-signer';
import { Sha256Digest } from '../adapters/security/sha256-digest';
import { ObjectIdGenerator } from '../adapters/shared/object-id-generator';
import { SystemClock } from '../adapters/shared/system-clock';
import { startMongoWireServer } from '../test/support/mongo-wire';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const events = option('--events', 20_000);
const verifyCount = option('--verify', 100_000);
const mongoEvents = option('--mongo-events', 500);
const OVERHEAD_BAR_US = 500;
const VERIFY_BAR_MS = 2000;

const hasher = new Sha256Digest();
const signer = new HmacAuditSigner('bench-audit-key-0123456789abcdef0123');
const ids = new ObjectIdGenerator();
const clock = new SystemClock();

/** A typical PHI read: ids, codes, a count and the patients touched. */
const event = (i: number): AuditEvent => ({
  action: 'READ',
  outcome: 'success',
  actorKind: 'caregiver',
  actorId: '665f1c2b9d1e4a0012345678',
  orgId: '665f1c2b9d1e4a00123456aa',
  resourceType: 'patient',
  resourceId: 'list',
  requestId: `req-${i.toString(16).padStart(12, '0')}`,
  ip: '203.0.113.7',
  at: new Date(),
  details: { count: 3, page: 1 },
  patientIds: ['665f1c2b9d1e4a00123456b1', '665f1c2b9d1e4a00123456b2', '665f1c2b9d1e4a00123456b3'],
});

/** The recorder and sequencer as bootstrap wires them; `record` also chains at once (the whole cost, unbatched). */
const chainerOn = (store: AuditStore, uow: UnitOfWork) => {
  const sequencer = new AuditSequencer(store, uow, hasher, signer, clock, { error: () => undefined });
  const recorder = new PendingAuditRecorder(store, ids, { kick: () => undefined });
  return {
    pendingOnly: (e: AuditEvent) => recorder.record(e),
    drain: () => sequencer.drain(),
    record: async (e: AuditEvent) => {
      await recorder.record(e);
      await sequencer.drain();
    },
  };
};

const microsPerOp = async (count: number, op: (i: number) => Promise<unknown>): Promise<number> => {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) await op(i);
  return Number(process.hrtime.bigint() - started) / 1000 / count;
};

const burstMicros = async (count: number, op: (i: number) => Promise<unknown>): Promise<number> => {
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: count }, (_, i) => op(i)));
  return Number(process.hrtime.bigint() - started) / 1000 / count;
};

const fmt = (us: number): string => `${us.toFixed(2)} µs`;

const embedded = async (): Promise<boolean> => {
  const bare: AuditEvent[] = [];
  const barePush = (i: number): Promise<void> => {
    bare.push({ ...event(i) });
    return Promise.resolve();
  };
  const database = new MemoryDatabase();
  const chainer = chainerOn(new InMemoryAuditStore(database), new InMemoryUnitOfWork(database));
  // Warm-up (JIT), then measured runs in alternating order.
  await microsPerOp(2000, barePush);
  await microsPerOp(2000, (i) => chainer.record(event(i)));
  const barePerOp = await microsPerOp(events, barePush);
  const chainedPerOp = await microsPerOp(events, (i) => chainer.record(event(i)));
  const burstBare = await burstMicros(1000, barePush);
  const requestShare = await microsPerOp(events, (i) => chainer.pendingOnly(event(i)));
  await chainer.drain();
  const burstChained = await burstMicros(1000, async (i) => {
    await chainer.pendingOnly(event(i));
    await chainer.drain();
  });
  const overhead = chainedPerOp - barePerOp;
  console.log(`P10 audit overhead per event, embedded store (${events} sequential records each):`);
  console.log(`  bare in-memory push          ${fmt(barePerOp)}`);
  console.log(
    `  pending insert (request)     ${fmt(requestShare)}\n` +
      `  insert + chain at once       ${fmt(chainedPerOp)}  (ratio to bare ${(chainedPerOp / barePerOp).toFixed(1)}x)`,
  );
  console.log(`  burst of 1000 concurrent     bare ${fmt(burstBare)}, chained ${fmt(burstChained)} per event`);
  const pass = overhead <= OVERHEAD_BAR_US && burstChained - burstBare <= OVERHEAD_BAR_US;
  console.log(`  overhead ${fmt(overhead)} per event; bar <= ${OVERHEAD_BAR_US} µs: ${pass ? 'PASS' : 'FAIL'}`);
  return pass;
};

const onWireServer = async (): Promise<void> => {
  const server = await startMongoWireServer();
  const client = await new MongoClient(server.url, { serverSelectionTimeoutMS: 3000 }).connect();
  try {
    const db = client.db('audit_bench');
    await ensureAuditIndexes(db);
    const database = new MongoDatabase(client, db);
    const chainer = chainerOn(new MongoAuditStore(database), new MongoUnitOfWork(database));
    // The baseline: the naive recorder's write, an insertOne of the event with the same indexes as audit_entries.
    const plain = db.collection('plain_inserts');
    await plain.createIndexes([
      { key: { seq: 1 }, unique: true },
      { key: { orgId: 1, seq: -1 } },
      { key: { patientIds: 1, seq: -1 } },
    ]);
    let plainSeq = 0;
    const plainInsert = (i: number) => {
      plainSeq += 1;
      return plain.insertOne({ ...event(i), seq: plainSeq });
    };
    await microsPerOp(100, plainInsert);
    await microsPerOp(100, (i) => chainer.record(event(i)));
    // Alternating rounds, median of each: the wire server slows down a little as collections grow.
    const plainRounds: number[] = [];
    const chainedRounds: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      plainRounds.push(await microsPerOp(mongoEvents, plainInsert));
      chainedRounds.push(await microsPerOp(mongoEvents, (i) => chainer.record(event(i))));
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const plainPerOp = median(plainRounds);
    const chainedPerOp = median(chainedRounds);
    console.log(
      `P10 audit on the Mongo wire test server (3 x ${mongoEvents} sequential records each, medians, informational):`,
    );
    console.log(
      `  plain insertOne ${fmt(plainPerOp)}, insert + chain ${fmt(chainedPerOp)} ` +
        `(ratio ${(chainedPerOp / plainPerOp).toFixed(2)}x, overhead ${fmt(chainedPerOp - plainPerOp)})`,
    );
  } finally {
    await client.close();
    await server.stop();
  }
};

const verification = async (): Promise<boolean> => {
  const database = new MemoryDatabase();
  const store = new InMemoryAuditStore(database);
  const chainer = chainerOn(store, new InMemoryUnitOfWork(database));
  const filling = Date.now();
  // As in service: the sequencer keeps up, chaining a batch of at most 500 at a time.
  for (let i = 0; i < verifyCount; i += 1) {
    await chainer.pendingOnly(event(i));
    if (i % 500 === 499) await chainer.drain();
  }
  await chainer.drain();
  const fillMs = Date.now() - filling;

  const verifier = new VerifyAuditChain(store, hasher, signer, clock);
  await verifier.execute({ toSeq: Math.min(verifyCount, 5000) }); // warm-up
  const started = process.hrtime.bigint();
  const report = await verifier.execute();
  const verifyMs = Number(process.hrtime.bigint() - started) / 1e6;

  // The crypto floor: one SHA-256 of a body-sized text and one HMAC per entry, nothing else (same primitives).
  const sample = JSON.stringify(store.entries()[0]);
  const key = createSecretKey(Buffer.from('bench-audit-key-0123456789abcdef0123'));
  const floorStarted = process.hrtime.bigint();
  for (let i = 0; i < verifyCount; i += 1) {
    const digest = hash('sha256', `${sample}${i}`, 'hex');
    createHmac('sha256', key).update(digest).digest('base64url');
  }
  const floorMs = Number(process.hrtime.bigint() - floorStarted) / 1e6;

  const pass = report.ok && report.checked === verifyCount && verifyMs <= VERIFY_BAR_MS;
  console.log(`P10 chain verification of ${verifyCount} entries (filled in ${fillMs} ms):`);
  console.log(
    `  VerifyAuditChain ${verifyMs.toFixed(0)} ms (ok=${report.ok}, checked ${report.checked}, ` +
      `checkpoints ${report.checkedCheckpoints}); crypto floor ${floorMs.toFixed(0)} ms ` +
      `(ratio ${(verifyMs / floorMs).toFixed(1)}x); bar <= ${VERIFY_BAR_MS} ms: ${pass ? 'PASS' : 'FAIL'}`,
  );
  return pass;
};

const main = async (): Promise<void> => {
  const overheadOk = await embedded();
  await onWireServer();
  const verifyOk = await verification();
  if (!overheadOk || !verifyOk) process.exitCode = 1;
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
