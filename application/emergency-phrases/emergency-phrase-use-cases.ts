import { CreateEmergencyPhrase } from './create-emergency-phrase';
import { DeleteEmergencyPhrase } from './delete-emergency-phrase';
import type { EmergencyPhrasePorts } from './emergency-phrase-ports';
import { GetEmergencyPhrase } from './get-emergency-phrase';
import { ListEmergencyPhrases } from './list-emergency-phrases';
import { SeedGlobalPhrases } from './seed-global-phrases';
import { TestEmergencyPhrases } from './test-emergency-phrases';
import { UpdateEmergencyPhrase } from './update-emergency-phrase';

/** Every emergency-phrase use-case over one set of ports; the HTTP adapter takes what it needs. */
export const createEmergencyPhraseUseCases = (ports: EmergencyPhrasePorts) => ({
  ports,
  list: new ListEmergencyPhrases(ports),
  get: new GetEmergencyPhrase(ports),
  create: new CreateEmergencyPhrase(ports),
  update: new UpdateEmergencyPhrase(ports),
  delete: new DeleteEmergencyPhrase(ports),
  test: new TestEmergencyPhrases(ports),
  seed: new SeedGlobalPhrases(ports),
});

export type EmergencyPhraseUseCases = ReturnType<typeof createEmergencyPhraseUseCases>;
