/**
 * The wire test server's cost per operation at 1k and at 20k documents, through the real driver, with a
 * unique index: bulk insert, insertOne (unique check), findOne by the indexed field and by _id, updateOne
 * by the indexed field. Indexes are hash maps maintained on every write, so the 20k/1k ratio must stay
 * under --max-ratio (default 3); a full scan per operation would make it about 20.
 * Usage: npx tsx bench/mongo-wire-scaling.ts [--ops N] [--rounds N] [--max-ratio R]  (exits 1 when a ratio is too high).
 */
import { MongoClient } from 'mongodb';
import type { Collection, Db } from 'mongodb';
import { startMongoWireServer } from '../test/support/mongo-wire';
import type { MongoWireServer } from '../test/support/mongo-wire';

interface Person {
  email: string;
  n: number;
  visits: number;
}

const args: string[] = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at: number = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const ops: number = option('--ops', 200);
const rounds: number = option('--rounds', 5);
const maxRatio: number = option('--max-ratio', 3);
const sizes: readonly number[] = [1000, 20_000];
const operations: readonly string[] = [
  'insertMany (per doc)',
  'insertOne',
  'findOne by email',
  'findOne by _id',
  'updateOne by email',
];

const email = (n: number): string => `person${n}@example.org`;

async function timed(count: number, run: (i: number) => Promise<unknown>): Promise<number> {
  const started: bigint = process.hrtime.bigint();
  for (let i: number = 0; i < count; i += 1) await run(i);
  return Number(process.hrtime.bigint() - started) / 1000 / count;
}

function median(values: readonly number[]): number {
  const sorted: number[] = [...values].sort((a: number, b: number) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

interface Fixture {
  readonly size: number;
  readonly people: Collection<Person>;
  readonly ids: unknown[];
  readonly samples: Map<string, number[]>;
  inserted: number;
}

/** Loads `size` documents under a unique index; records the bulk insert cost per document. */
async function load(db: Db, size: number): Promise<Fixture> {
  await db.dropDatabase();
  const people: Collection<Person> = db.collection<Person>('people');
  await people.createIndex({ email: 1 }, { unique: true });
  const batch: number = 1000;
  const bulk: number = await timed(size / batch, (b: number) =>
    people.insertMany(
      Array.from({ length: batch }, (_: unknown, i: number): Person => ({
        email: email(b * batch + i),
        n: b * batch + i,
        visits: 0,
      })),
    ),
  );
  const ids: unknown[] = (await people.find({}, { projection: { _id: 1 } }).toArray()).map(
    (d: { _id: unknown }) => d._id,
  );
  return {
    size,
    people,
    ids,
    samples: new Map<string, number[]>([['insertMany (per doc)', [bulk / batch]]]),
    inserted: 0,
  };
}

/** One round of single-document operations; each sample is µs per operation. */
async function round(f: Fixture): Promise<void> {
  const record = (name: string, value: number): void => {
    f.samples.set(name, [...(f.samples.get(name) ?? []), value]);
  };
  const pick = (i: number): number => (i * 7919 + f.inserted) % f.size;
  const base: number = f.size + f.inserted;
  record(
    'insertOne',
    await timed(ops, (i: number) => f.people.insertOne({ email: email(base + i), n: base + i, visits: 0 })),
  );
  f.inserted += ops;
  record('findOne by email', await timed(ops, (i: number) => f.people.findOne({ email: email(pick(i)) })));
  record('findOne by _id', await timed(ops, (i: number) => f.people.findOne({ _id: f.ids[pick(i)] as never })));
  record(
    'updateOne by email',
    await timed(ops, (i: number) => f.people.updateOne({ email: email(pick(i)) }, { $inc: { visits: 1 } })),
  );
}

async function main(): Promise<void> {
  const server: MongoWireServer = await startMongoWireServer();
  const client: MongoClient = await new MongoClient(server.url).connect();
  let worst: number = 0;
  try {
    const warm: Fixture = await load(client.db('bench_warmup'), 1000); // JIT and connection pool
    await round(warm);
    const fixtures: Fixture[] = [];
    for (const size of sizes) fixtures.push(await load(client.db(`bench_${size}`), size));
    // Rounds alternate between the sizes so that load on the machine affects both alike; medians are reported.
    for (let r: number = 0; r < rounds; r += 1) for (const f of fixtures) await round(f);
    const [small, large] = fixtures as [Fixture, Fixture];
    console.log(
      `mongo wire server, µs per operation (median of ${rounds} rounds x ${ops} operations), unique index on email`,
    );
    console.log(`${'operation'.padEnd(22)}${'1k docs'.padStart(10)}${'20k docs'.padStart(10)}${'ratio'.padStart(8)}`);
    for (const name of operations) {
      const a: number = median(small.samples.get(name) ?? []);
      const b: number = median(large.samples.get(name) ?? []);
      const ratio: number = b / a;
      worst = Math.max(worst, ratio);
      console.log(
        `${name.padEnd(22)}${a.toFixed(1).padStart(10)}${b.toFixed(1).padStart(10)}${ratio.toFixed(2).padStart(8)}`,
      );
    }
    console.log(`worst ratio ${worst.toFixed(2)} (limit ${maxRatio}): ${worst < maxRatio ? 'PASS' : 'FAIL'}`);
  } finally {
    await client.close();
    await server.stop();
  }
  process.exitCode = worst < maxRatio ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
