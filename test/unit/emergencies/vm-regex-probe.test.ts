import { PROBE_LIMIT_MS } from '../../../application/emergency-phrases/pattern-check';
import { compiledSource } from '../../../domain/emergencies/compiled-phrase';
import { defaultBoundary, type PhraseLanguage } from '../../../domain/emergencies/emergency-phrase';
import { adversarialInputs } from '../../../domain/emergencies/pattern-probes';
import { SEED_PHRASES } from '../../../domain/emergencies/seed-phrases';
import { VmRegexProbe } from '../../../bootstrap/emergency-phrases-module';

/**
 * The runtime half of the pattern check (DOMAIN.md §7.3.2): the vm-isolated probe that the emergency-phrase
 * module binds. It lives in bootstrap for now, so its test sits with the rest of the emergencies tests.
 */
describe('VmRegexProbe', () => {
  const probe = new VmRegexProbe();

  it('cuts off a catastrophic pattern at the limit instead of hanging', async () => {
    const outcome = await probe.run('(a+)+$', 'iu', ['a'.repeat(40) + '!'], 50);
    expect(outcome.ok).toBe(false);
    expect(outcome.slowestMs).toBeGreaterThan(50);
  });

  // A 1 ms limit instead of PROBE_LIMIT_MS: a fast machine may run the quadratic pattern under 50 ms, never under 1.
  it('refuses a quadratic pattern on the 10,000-character probes', async () => {
    const outcome = await probe.run(compiledSource('[a ]*x', 'word'), 'iu', adversarialInputs('[a ]*x'), 1);
    expect(outcome.ok).toBe(false);
  });

  it('passes every seeded pattern, in its compiled form, on its probes', async () => {
    for (const [language, seeds] of Object.entries(SEED_PHRASES)) {
      for (const seed of seeds) {
        const source = compiledSource(seed.pattern, defaultBoundary(language as PhraseLanguage));
        const outcome = await probe.run(source, 'iu', adversarialInputs(seed.pattern), PROBE_LIMIT_MS);
        expect({ label: seed.label, ok: outcome.ok }).toEqual({ label: seed.label, ok: true });
      }
    }
  });

  it('refuses a source that does not compile', async () => {
    expect((await probe.run('(', 'iu', ['x'], 50)).ok).toBe(false);
  });
});
