import {
  addNote,
  appealRequest,
  compareByDeadline,
  completeRequest,
  createPrivacyRequest,
  decideAppeal,
  denyRequest,
  effectiveDeadline,
  exportDownloadable,
  extendRequest,
  isApproaching,
  isOverdue,
  PRIVACY_REQUEST_STATUSES,
  startRequest,
  type PrivacyRequest,
  type PrivacyRequestStatus,
} from '../../../domain/privacy/privacy-request';

const DAY = 86_400_000;
const now = new Date('2026-06-01T12:00:00.000Z');
const later = (days: number, ms = 0) => new Date(now.getTime() + days * DAY + ms);

const fresh = (fields: Partial<PrivacyRequest> = {}): PrivacyRequest => ({
  ...createPrivacyRequest({
    id: 'r1',
    orgId: 'org1',
    requestType: 'access',
    subjectType: 'caregiver',
    subjectId: 'c1',
    requestedBy: 'c1',
    now,
  }),
  ...fields,
});

const inStatus = (status: PrivacyRequestStatus): PrivacyRequest => fresh({ status });

const INVALID = { id: 'INVALID_TRANSITION', kind: 'conflict', message: 'Invalid status transition' };

describe('PrivacyRequest', () => {
  it('starts pending, due 30 days after filing, with nothing decided', () => {
    const request = fresh();
    expect(request).toMatchObject({
      status: 'pending',
      extendedDeadline: null,
      completedAt: null,
      denialReason: null,
      exportAvailableUntil: null,
      notes: [],
      appeal: null,
      version: 0,
    });
    expect(request.responseDeadline).toEqual(later(30));
    expect(effectiveDeadline(request)).toEqual(later(30));
  });

  /** Which statuses each move starts from; every other status is 409 `Invalid status transition`. */
  const moves: ReadonlyArray<[string, (r: PrivacyRequest) => PrivacyRequest, readonly PrivacyRequestStatus[]]> = [
    ['start', (r) => startRequest(r, now), ['pending']],
    ['deny', (r) => denyRequest(r, 'no', now), ['pending', 'processing']],
    ['extend', (r) => extendRequest(r, 'busy', now), ['pending', 'processing']],
    ['complete', (r) => completeRequest(r, { status: 'completed', note: null }, now), ['pending', 'processing']],
    ['appeal', (r) => appealRequest(r, 'c1', 'please', now), ['denied']],
  ];

  for (const [name, move, allowed] of moves) {
    for (const status of PRIVACY_REQUEST_STATUSES) {
      const ok = allowed.includes(status);
      it(`${name} from ${status} is ${ok ? 'allowed' : 'an invalid transition'}`, () => {
        if (ok) expect(() => move(inStatus(status))).not.toThrow();
        else expect(() => move(inStatus(status))).toThrow(expect.objectContaining(INVALID));
      });
    }
  }

  for (const status of PRIVACY_REQUEST_STATUSES) {
    it(`decides an appeal only on a denied request with a pending appeal (${status})`, () => {
      const pendingAppeal = {
        reason: null,
        filedAt: now,
        filedBy: 'c1',
        decision: 'pending' as const,
        decidedAt: null,
        decidedBy: null,
      };
      const request = fresh({ status, appeal: pendingAppeal });
      if (status === 'denied') expect(decideAppeal(request, 'a1', false, now).appeal?.decision).toBe('rejected');
      else expect(() => decideAppeal(request, 'a1', true, now)).toThrow(expect.objectContaining(INVALID));
      expect(() => decideAppeal(fresh({ status }), 'a1', true, now)).toThrow(expect.objectContaining(INVALID));
    });
  }

  it('records who did what and when on each move', () => {
    const started = startRequest(fresh(), later(1));
    expect(started).toMatchObject({ status: 'processing', startedAt: later(1), updatedAt: later(1) });
    const denied = denyRequest(started, 'Identity not verified', later(2));
    expect(denied).toMatchObject({ status: 'denied', deniedAt: later(2), denialReason: 'Identity not verified' });
    const completed = completeRequest(
      started,
      { status: 'partially_fulfilled', note: 'kept', exportAvailableUntil: later(9) },
      later(2),
    );
    expect(completed).toMatchObject({
      status: 'partially_fulfilled',
      completedAt: later(2),
      completionNote: 'kept',
      exportAvailableUntil: later(9),
    });
  });

  it('extends once by 30 days past the original deadline, whenever it is asked', () => {
    const extended = extendRequest(fresh(), 'Large archive', later(20));
    expect(extended.extendedDeadline).toEqual(later(60));
    expect(extended.extensionReason).toBe('Large archive');
    expect(effectiveDeadline(extended)).toEqual(later(60));
    expect(() => extendRequest(extended, 'again', later(21))).toThrow(expect.objectContaining(INVALID));
    expect(() => extendRequest(startRequest(extended, later(21)), 'again', later(22))).toThrow(
      expect.objectContaining(INVALID),
    );
  });

  it('takes notes in every state, closed ones included, without changing the state', () => {
    for (const status of PRIVACY_REQUEST_STATUSES) {
      const noted = addNote(inStatus(status), 'a1', 'Called back', later(1));
      expect(noted.status).toBe(status);
      expect(noted.notes).toEqual([{ at: later(1), by: 'a1', text: 'Called back' }]);
    }
    const twice = addNote(addNote(fresh(), 'a1', 'one', now), 'a2', 'two', later(1));
    expect(twice.notes.map((n) => n.text)).toEqual(['one', 'two']);
  });

  it('appeals once; approval reopens the request, rejection keeps the denial', () => {
    const denied = denyRequest(fresh(), 'No ID', later(1));
    const appealed = appealRequest(denied, 'c1', 'I sent it', later(2));
    expect(appealed.appeal).toEqual({
      reason: 'I sent it',
      filedAt: later(2),
      filedBy: 'c1',
      decision: 'pending',
      decidedAt: null,
      decidedBy: null,
    });
    expect(() => appealRequest(appealed, 'c1', null, later(3))).toThrow(expect.objectContaining(INVALID));
    const approved = decideAppeal(appealed, 'a1', true, later(3));
    expect(approved).toMatchObject({ status: 'processing', denialReason: null, deniedAt: null });
    expect(approved.appeal).toMatchObject({ decision: 'approved', decidedBy: 'a1', decidedAt: later(3) });
    expect(approved.responseDeadline).toEqual(denied.responseDeadline);
    const rejected = decideAppeal(appealed, 'a1', false, later(3));
    expect(rejected).toMatchObject({ status: 'denied', denialReason: 'No ID' });
    expect(() => decideAppeal(rejected, 'a1', true, later(4))).toThrow(expect.objectContaining(INVALID));
    expect(() => appealRequest(rejected, 'c1', null, later(4))).toThrow(expect.objectContaining(INVALID));
  });

  it('is approaching within 5 days of the effective deadline and overdue after it, while open', () => {
    const request = fresh();
    expect(isApproaching(request, later(25, -1))).toBe(false);
    expect(isApproaching(request, later(25))).toBe(true);
    expect(isApproaching(request, later(30))).toBe(true);
    expect(isOverdue(request, later(30))).toBe(false);
    expect(isOverdue(request, later(30, 1))).toBe(true);
    expect(isApproaching(request, later(30, 1))).toBe(false);
    const extended = extendRequest(request, 'busy', now);
    expect(isOverdue(extended, later(31))).toBe(false);
    expect(isApproaching(extended, later(55))).toBe(true);
    for (const status of ['completed', 'partially_fulfilled', 'denied'] as const) {
      expect(isOverdue(inStatus(status), later(90))).toBe(false);
      expect(isApproaching(inStatus(status), later(28))).toBe(false);
    }
  });

  it('serves an export only for a completed access request before its end', () => {
    const done = completeRequest(fresh(), { status: 'completed', note: null, exportAvailableUntil: later(7) }, now);
    expect(exportDownloadable(done, later(7, -1))).toBe(true);
    expect(exportDownloadable(done, later(7))).toBe(false);
    expect(exportDownloadable({ ...done, requestType: 'deletion' }, later(1))).toBe(false);
    expect(exportDownloadable({ ...done, status: 'partially_fulfilled' }, later(1))).toBe(false);
    expect(exportDownloadable(fresh(), later(1))).toBe(false);
  });

  it('orders by effective deadline, then filing time, then id', () => {
    const a = fresh({ id: 'a' });
    const b = fresh({ id: 'b', createdAt: later(1), responseDeadline: later(31) });
    const extendedA = extendRequest(a, 'x', now);
    const c = fresh({ id: 'c' });
    expect([b, c, a].sort(compareByDeadline).map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect([extendedA, b].sort(compareByDeadline).map((r) => r.id)).toEqual(['b', 'a']);
  });
});
