import {
  applyPhraseChanges,
  createEmergencyPhrase,
  phraseFieldProblems,
  type EmergencyPhrase,
} from '../../../domain/emergencies/emergency-phrase';
import { authorizePhrase, placePhrase } from '../../../domain/emergencies/phrase-policy';
import type { AccessScope } from '../../../domain/identity/roles';

const ORG = 'a'.repeat(24);
const OTHER = 'b'.repeat(24);
const at = new Date('2026-03-01T10:00:00Z');

const phrase = (fields: Partial<Parameters<typeof createEmergencyPhrase>[0]> = {}): EmergencyPhrase =>
  createEmergencyPhrase({
    id: 'c'.repeat(24),
    scope: 'org',
    orgId: ORG,
    label: '  Chest pain  ',
    language: 'en',
    severity: 'HIGH',
    category: 'Medical',
    pattern: 'chest pain',
    author: 'd'.repeat(24),
    now: at,
    ...fields,
  });

const scope = (role: AccessScope['role'], orgId = ORG): AccessScope => ({ caregiverId: 'e'.repeat(24), role, orgId });

describe('EmergencyPhrase', () => {
  it('trims the label and applies the defaults of DOMAIN.md §7.1', () => {
    expect(phrase()).toMatchObject({
      label: 'Chest pain',
      boundary: 'word',
      isActive: true,
      description: null,
      tags: [],
      usageCount: 0,
      lastUsedAt: null,
      version: 1,
    });
    expect(phrase({ language: 'zh' }).boundary).toBe('none');
    expect(phrase({ language: 'ja' }).boundary).toBe('none');
    expect(phrase({ language: 'ja', boundary: 'word' }).boundary).toBe('word');
    expect(phrase({ scope: 'global', orgId: ORG }).orgId).toBeNull();
  });

  it('lists only the fields an update really changed, and keeps an echo unchanged', () => {
    const current = phrase({ tags: ['a'] });
    const later = new Date(at.getTime() + 1000);
    const echo = applyPhraseChanges(current, { label: 'Chest pain ', tags: ['a'], isActive: true }, 'x', later);
    expect(echo).toEqual({ next: current, changed: [] });
    const { next, changed } = applyPhraseChanges(current, { isActive: false, tags: ['a', 'b'] }, 'x', later);
    expect(changed).toEqual(['isActive', 'tags']);
    expect(next).toMatchObject({ isActive: false, tags: ['a', 'b'], lastModifiedBy: 'x', updatedAt: later });
    expect(applyPhraseChanges(current, { scope: 'global' }, 'x', later).next.orgId).toBeNull();
  });

  it('words field problems the Joi way', () => {
    expect(phraseFieldProblems({ label: ' ', description: 'x'.repeat(501), tags: Array(21).fill('t') })).toEqual([
      '"label" is not allowed to be empty',
      '"description" length must be less than or equal to 500 characters long',
      '"tags" must contain less than or equal to 20 items',
    ]);
    expect(phraseFieldProblems({ label: 'x'.repeat(201), tags: ['y'.repeat(51)] })).toEqual([
      '"label" length must be less than or equal to 200 characters long',
      '"tags" items length must be less than or equal to 50 characters long',
    ]);
    expect(phraseFieldProblems({ label: 'x'.repeat(200), description: null, tags: [] })).toEqual([]);
  });
});

describe('phrase policy (API-CONTRACT.md §2.8, §6.3)', () => {
  const global = { scope: 'global' as const, orgId: null };
  const own = { scope: 'org' as const, orgId: ORG };
  const other = { scope: 'org' as const, orgId: OTHER };

  it.each([
    ['orgAdmin', 'emergencyPhrase.read', global, 'allow'],
    ['orgAdmin', 'emergencyPhrase.manage', global, 'forbidden'],
    ['orgAdmin', 'emergencyPhrase.read', own, 'allow'],
    ['orgAdmin', 'emergencyPhrase.manage', own, 'allow'],
    ['orgAdmin', 'emergencyPhrase.read', other, 'not-found'],
    ['orgAdmin', 'emergencyPhrase.manage', other, 'not-found'],
    ['staff', 'emergencyPhrase.read', global, 'forbidden'],
    ['staff', 'emergencyPhrase.read', own, 'forbidden'],
    ['staff', 'emergencyPhrase.read', other, 'not-found'],
    ['superAdmin', 'emergencyPhrase.manage', global, 'allow'],
    ['superAdmin', 'emergencyPhrase.manage', other, 'allow'],
  ] as const)('%s %s on %j -> %s', (role, capability, target, decision) => {
    expect(authorizePhrase(scope(role), capability, target)).toBe(decision);
  });

  it('places an orgAdmin phrase in their own organisation and refuses global or another organisation', () => {
    expect(placePhrase(scope('orgAdmin'), {})).toEqual({ kind: 'allow', placement: { scope: 'org', orgId: ORG } });
    expect(placePhrase(scope('orgAdmin'), { scope: 'org', orgId: ORG })).toMatchObject({ kind: 'allow' });
    expect(placePhrase(scope('orgAdmin'), { scope: 'global' })).toEqual({ kind: 'forbidden', rule: 'global_phrase' });
    expect(placePhrase(scope('orgAdmin'), { orgId: OTHER })).toEqual({ kind: 'forbidden', rule: 'other_org_request' });
  });

  it('places a superAdmin phrase globally unless an organisation is named', () => {
    const sa = scope('superAdmin', 'f'.repeat(24));
    expect(placePhrase(sa, {})).toEqual({ kind: 'allow', placement: { scope: 'global', orgId: null } });
    expect(placePhrase(sa, { orgId: OTHER })).toEqual({ kind: 'allow', placement: { scope: 'org', orgId: OTHER } });
    expect(placePhrase(sa, { scope: 'org' })).toEqual({ kind: 'invalid', problem: '"org" is required' });
    expect(placePhrase(sa, { scope: 'global', orgId: OTHER })).toEqual({
      kind: 'invalid',
      problem: '"org" is not allowed',
    });
    expect(placePhrase(sa, { scope: 'org' }, { scope: 'org', orgId: ORG })).toEqual({
      kind: 'allow',
      placement: { scope: 'org', orgId: ORG },
    });
  });
});
