import { distinctIn, EMPTY_WINDOW, touchWindow } from '../../../domain/compliance/distinct-window';
import {
  classifyPhiAccess,
  HOUR_MS,
  listVolumeReached,
  MINUTE_MS,
  volumeDedupSince,
  volumeVerdict,
  type PhiAccessFacts,
} from '../../../domain/compliance/phi-volume-rules';

const at = new Date('2026-06-03T16:00:00.000Z');

const facts = (over: Partial<PhiAccessFacts> = {}): PhiAccessFacts => ({
  action: 'READ',
  outcome: 'success',
  actorKind: 'caregiver',
  actorId: 'cg1',
  resourceType: 'patient',
  resourceId: 'p1',
  patientIds: ['p1'],
  requestId: 'r1',
  at,
  details: { phiAccessed: true },
  ...over,
});

describe('classifyPhiAccess', () => {
  it('counts a single-record patient open toward the lock, keyed by patient', () => {
    expect(classifyPhiAccess(facts())).toEqual({ lockKeys: ['patient:p1'], glanceKeys: [], touchesPhi: true });
  });

  it('keys a conversation of a patient by the patient, so one patient screen is one record', () => {
    const access = classifyPhiAccess(facts({ resourceType: 'conversation', resourceId: 'c9', patientIds: ['p1'] }));
    expect(access.lockKeys).toEqual(['patient:p1']);
  });

  it('keys a PHI record that names no patient by the record itself', () => {
    const access = classifyPhiAccess(facts({ resourceType: 'report', resourceId: 'rep1', patientIds: [] }));
    expect(access.lockKeys).toEqual(['report:rep1']);
  });

  it('sends list reads and call polls to the alert-only counter', () => {
    const list = classifyPhiAccess(facts({ resourceId: 'list', patientIds: ['p1', 'p2', 'p2'] }));
    expect(list).toEqual({ lockKeys: [], glanceKeys: ['patient:p1', 'patient:p2'], touchesPhi: true });
    const poll = classifyPhiAccess(facts({ resourceType: 'call', resourceId: 'call1' }));
    expect(poll.lockKeys).toEqual([]);
    expect(poll.glanceKeys).toEqual(['patient:p1']);
  });

  it('counts a privacy export as one record however many patients it covers', () => {
    const access = classifyPhiAccess(
      facts({ action: 'EXPORT', resourceType: 'privacyExport', resourceId: 'x1', patientIds: ['p1', 'p2', 'p3'] }),
    );
    expect(access.lockKeys).toEqual(['export:privacyExport:x1']);
    expect(access.glanceKeys).toEqual([]);
  });

  it('lets writes feed only the off-hours rule', () => {
    expect(classifyPhiAccess(facts({ action: 'UPDATE' }))).toEqual({ lockKeys: [], glanceKeys: [], touchesPhi: true });
  });

  it('excludes system and anonymous actors, refusals and non-PHI resources', () => {
    expect(classifyPhiAccess(facts({ actorKind: 'system', actorId: null })).touchesPhi).toBe(false);
    expect(classifyPhiAccess(facts({ actorKind: 'anonymous', actorId: null })).touchesPhi).toBe(false);
    expect(classifyPhiAccess(facts({ outcome: 'denied', action: 'ACCESS_DENIED' })).touchesPhi).toBe(false);
    expect(classifyPhiAccess(facts({ outcome: 'failure' })).touchesPhi).toBe(false);
    expect(
      classifyPhiAccess(facts({ resourceType: 'audit', resourceId: 'list', patientIds: [], details: {} })).touchesPhi,
    ).toBe(false);
    expect(classifyPhiAccess(facts({ action: 'LOGIN', resourceType: 'session' })).touchesPhi).toBe(false);
  });

  it('treats consents as PHI only when they concern a patient', () => {
    const withPatient = facts({ resourceType: 'consent', resourceId: 'k1', patientIds: ['p1'], details: {} });
    const withoutPatient = facts({ resourceType: 'consent', resourceId: 'k1', patientIds: [], details: {} });
    expect(classifyPhiAccess(withPatient).lockKeys).toEqual(['patient:p1']);
    expect(classifyPhiAccess(withoutPatient).touchesPhi).toBe(false);
  });
});

describe('volumeVerdict', () => {
  const limits = { minute: 20, hour: 100, listHour: 500 };

  it('stays silent below both limits', () => {
    expect(volumeVerdict({ minute: 19, hour: 99 }, limits)).toBeNull();
  });

  it('reports an exfiltration attempt at the minute limit, ahead of the hour rule', () => {
    expect(volumeVerdict({ minute: 20, hour: 120 }, limits)).toEqual({
      type: 'data_exfiltration_attempt',
      distinctRecords: 20,
      limit: 20,
      windowMinutes: 1,
    });
  });

  it('reports unusual volume at the hour limit', () => {
    expect(volumeVerdict({ minute: 3, hour: 100 }, limits)?.type).toBe('unusual_data_access_volume');
  });

  it('follows configured thresholds', () => {
    expect(volumeVerdict({ minute: 5, hour: 5 }, { minute: 5, hour: 50, listHour: 1 })?.type).toBe(
      'data_exfiltration_attempt',
    );
    expect(listVolumeReached(499, limits)).toBe(false);
    expect(listVolumeReached(500, limits)).toBe(true);
  });

  it('deduplicates volume breaches over the last hour', () => {
    expect(volumeDedupSince(at).toISOString()).toBe('2026-06-03T15:00:00.000Z');
  });
});

describe('distinct rolling window', () => {
  const t0 = at.getTime();

  it('counts a record read many times once', () => {
    let window = EMPTY_WINDOW;
    for (let i = 0; i < 30; i += 1) window = touchWindow(window, ['patient:p1'], t0 + i * 2000, HOUR_MS);
    expect(distinctIn(window, t0 + 60_000, MINUTE_MS)).toBe(1);
  });

  it('lets records leave the minute window but keeps them in the hour', () => {
    let window = EMPTY_WINDOW;
    for (let i = 0; i < 19; i += 1) window = touchWindow(window, [`patient:${i}`], t0 + i * 1000, HOUR_MS);
    const later = t0 + 61_000;
    window = touchWindow(window, ['patient:new'], later, HOUR_MS);
    // Records 0 and 1 were seen more than a minute before `later`.
    expect(distinctIn(window, later, MINUTE_MS)).toBe(18);
    expect(distinctIn(window, later, HOUR_MS)).toBe(20);
  });

  it('renews a record seen again, and forgets records beyond the horizon', () => {
    let window = touchWindow(EMPTY_WINDOW, ['a', 'b'], t0, HOUR_MS);
    window = touchWindow(window, ['a'], t0 + 50 * MINUTE_MS, HOUR_MS);
    window = touchWindow(window, ['c'], t0 + HOUR_MS + 1, HOUR_MS);
    expect([...window.keys()].sort()).toEqual(['a', 'c']);
    expect(distinctIn(window, t0 + HOUR_MS + 1, MINUTE_MS)).toBe(1);
  });

  it('never moves a record back in time on an out-of-order sighting', () => {
    let window = touchWindow(EMPTY_WINDOW, ['a'], t0 + 10 * MINUTE_MS, HOUR_MS);
    window = touchWindow(window, ['a'], t0, HOUR_MS);
    expect(window.get('a')).toBe(t0 + 10 * MINUTE_MS);
  });
});
