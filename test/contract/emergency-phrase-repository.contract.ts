import { createEmergencyPhrase, type EmergencyPhrase } from '../../domain/emergencies/emergency-phrase';
import type { EmergencyPhraseRepository } from '../../application/ports/emergency-phrase-repository';
import type { UnitOfWork } from '../../application/ports/unit-of-work';

/** What the emergency-phrase contract needs from a target: the repository and a unit of work over one database. */
export interface EmergencyPhraseStores {
  readonly uow: UnitOfWork;
  readonly phrases: EmergencyPhraseRepository;
}

const ORG = 'a'.repeat(24);
const OTHER = 'b'.repeat(24);
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const hex = (n: number) => n.toString(16).padStart(24, '0');

const phrase = (n: number, fields: Partial<EmergencyPhrase> = {}): EmergencyPhrase => ({
  ...createEmergencyPhrase({
    id: hex(n),
    scope: 'org',
    orgId: ORG,
    label: `Phrase ${n}`,
    language: 'en',
    severity: 'HIGH',
    category: 'Medical',
    pattern: `phrase ${n}`,
    author: 'system',
    now: at(n),
  }),
  ...fields,
});

const global = (n: number, fields: Partial<EmergencyPhrase> = {}) =>
  phrase(n, { scope: 'global', orgId: null, ...fields });
const ids = (list: readonly EmergencyPhrase[]) => list.map((p) => p.id);

/** The EmergencyPhraseRepository contract every adapter passes. */
export const describeEmergencyPhraseRepositoryContract = (
  name: string,
  open: () => Promise<EmergencyPhraseStores>,
): void => {
  describe(`EmergencyPhraseRepository contract (${name})`, () => {
    let s: EmergencyPhraseStores;
    beforeEach(async () => {
      s = await open();
    });

    it('round-trips every field of global and org phrases', async () => {
      const full = phrase(1, {
        description: 'd',
        tags: ['seed', 'chest-pain'],
        boundary: 'none',
        isActive: false,
        usageCount: 3,
        lastUsedAt: at(50),
        createdBy: 'c'.repeat(24),
        lastModifiedBy: 'system',
      });
      await s.phrases.insert(full);
      await s.phrases.insert(global(2));
      expect(await s.phrases.findById(full.id)).toEqual(full);
      expect(await s.phrases.findById(hex(2))).toEqual(global(2));
      expect(await s.phrases.findById(hex(99))).toBeNull();
      expect(await s.phrases.findById('not-an-id')).toBeNull();
    });

    it('lists global phrases plus one organisation’s, global first, then language, label and id, with filters', async () => {
      await s.phrases.insert(phrase(1, { label: 'b', language: 'es' }));
      await s.phrases.insert(phrase(2, { label: 'a' }));
      await s.phrases.insert(global(3, { label: 'z', severity: 'CRITICAL' }));
      await s.phrases.insert(global(4, { label: 'z', language: 'es', category: 'Safety' }));
      await s.phrases.insert(phrase(5, { orgId: OTHER }));
      await s.phrases.insert(global(6, { label: 'a', isActive: false }));
      expect(ids(await s.phrases.list({ orgId: ORG }))).toEqual([hex(6), hex(3), hex(4), hex(2), hex(1)]);
      expect(ids(await s.phrases.list({ orgId: null }))).toEqual([hex(6), hex(3), hex(4)]);
      expect(ids(await s.phrases.list({ orgId: OTHER, scope: 'org' }))).toEqual([hex(5)]);
      expect(ids(await s.phrases.list({ orgId: ORG, scope: 'global', language: 'en' }))).toEqual([hex(6), hex(3)]);
      expect(ids(await s.phrases.list({ orgId: ORG, severity: 'CRITICAL' }))).toEqual([hex(3)]);
      expect(ids(await s.phrases.list({ orgId: ORG, category: 'Safety' }))).toEqual([hex(4)]);
      expect(ids(await s.phrases.list({ orgId: ORG, isActive: false }))).toEqual([hex(6)]);
    });

    it('serves the effective set: active global phrases of the language and the organisation’s active ones', async () => {
      await s.phrases.insert(global(1));
      await s.phrases.insert(global(2, { isActive: false }));
      await s.phrases.insert(global(3, { language: 'es' }));
      await s.phrases.insert(phrase(4));
      await s.phrases.insert(phrase(5, { orgId: OTHER }));
      await s.phrases.insert(phrase(6, { isActive: false }));
      expect(ids(await s.phrases.activeFor(ORG, 'en')).sort()).toEqual([hex(1), hex(4)]);
      expect(ids(await s.phrases.activeFor(null, 'en'))).toEqual([hex(1)]);
      expect(await s.phrases.countGlobal('en')).toBe(2);
      expect(await s.phrases.countGlobal('fr')).toBe(0);
    });

    it('keeps one phrase per (scope, organisation, language, label)', async () => {
      await s.phrases.insert(phrase(1, { label: 'Same' }));
      await expect(s.phrases.insert(phrase(2, { label: 'Same' }))).rejects.toMatchObject({
        id: 'EMERGENCY_PHRASE_TAKEN',
        kind: 'conflict',
      });
      await s.phrases.insert(phrase(3, { label: 'Same', orgId: OTHER }));
      await s.phrases.insert(phrase(4, { label: 'Same', language: 'es' }));
      await s.phrases.insert(global(5, { label: 'Same' }));
      await expect(s.phrases.insert(global(6, { label: 'Same' }))).rejects.toMatchObject({
        id: 'EMERGENCY_PHRASE_TAKEN',
      });
      await expect(
        s.phrases.update({ ...phrase(4, { label: 'Same', language: 'es' }), language: 'en' }),
      ).rejects.toMatchObject({
        id: 'EMERGENCY_PHRASE_TAKEN',
      });
      await expect(s.phrases.insert(phrase(1, { label: 'Other' }))).rejects.toMatchObject({ id: 'DUPLICATE_ID' });
    });

    it('updates under compare-and-set on version and deletes for good', async () => {
      await s.phrases.insert(phrase(1));
      const saved = await s.phrases.update({ ...phrase(1), isActive: false });
      expect(saved).toMatchObject({ isActive: false, version: 2 });
      await expect(s.phrases.update({ ...phrase(1), label: 'B' })).rejects.toMatchObject({ reason: 'STALE_VERSION' });
      expect((await s.phrases.findById(hex(1)))?.isActive).toBe(false);
      expect(await s.phrases.delete(hex(1))).toBe(true);
      expect(await s.phrases.delete(hex(1))).toBe(false);
      expect(await s.phrases.findById(hex(1))).toBeNull();
    });

    it('counts uses without touching the version, and ignores a deleted phrase', async () => {
      await s.phrases.insert(phrase(1));
      await s.phrases.recordUse(hex(1), at(60));
      await s.phrases.recordUse(hex(1), at(70));
      await s.phrases.recordUse(hex(9), at(70));
      expect(await s.phrases.findById(hex(1))).toMatchObject({ usageCount: 2, lastUsedAt: at(70), version: 1 });
    });

    it('joins the ambient transaction: a failure undoes its writes', async () => {
      await expect(
        s.uow.run(async () => {
          await s.phrases.insert(phrase(1));
          await s.phrases.delete(hex(1));
          await s.phrases.insert(phrase(2));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await s.phrases.findById(hex(2))).toBeNull();
      expect(await s.phrases.list({ orgId: ORG })).toEqual([]);
    });
  });
};
