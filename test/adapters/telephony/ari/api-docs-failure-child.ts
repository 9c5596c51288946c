import { connect } from 'ari-client';
import { connectAri } from '../../../../adapters/telephony/ari/ari-library-guard';
import { FakeAriServer } from '../../../support/fakes/ari/fake-ari-server';

/**
 * Run as its own process by `api-docs-crash.test.ts`: connects to a fake ARI whose api-docs answer 503, through the
 * guarded connect (`guarded`) or the bare library (anything else), and says whether the process lived on.
 */
const main = async (): Promise<void> => {
  const fake = await FakeAriServer.start();
  fake.failApiDocs(503);
  try {
    if (process.env['MODE'] === 'guarded') await connectAri(fake.url, fake.username, fake.password);
    else await connect(fake.url, fake.username, fake.password);
    process.stdout.write('connected\n');
  } catch (error) {
    process.stdout.write(`rejected: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  await fake.stop();
  process.stdout.write('survived\n');
};

void main();
