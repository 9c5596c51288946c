import { isDomainError } from '../../../../domain/shared/errors';
import {
  PortPool,
  RtpLeaseConflictError,
  RtpPortsExhaustedError,
  parsePortRange,
} from '../../../../adapters/telephony/rtp/port-pool';

const setup = (min: number, max: number, pick: (bound: number) => number = () => 0) => {
  const clock = { now: 0, nowMs: () => clock.now };
  const pool = new PortPool({ kind: 'range', min, max }, { clock, randomIndex: pick, coolDownMs: 2000 });
  return { clock, pool };
};

describe('PortPool', () => {
  it('leases only even ports of the range', () => {
    const { pool } = setup(40001, 40009, (bound) => bound - 1);
    const ports = ['a', 'b', 'c', 'd'].map((callId) => pool.lease(callId));
    expect(ports.sort()).toEqual([40002, 40004, 40006, 40008]);
    expect(pool.freeCount()).toBe(0);
  });

  it('picks the port the random source points at, not the lowest', () => {
    const bounds: number[] = [];
    const { pool } = setup(40000, 40999, (bound) => {
      bounds.push(bound);
      return 137;
    });
    expect(pool.lease('call-1')).toBe(40000 + 2 * 137);
    expect(bounds).toEqual([500]);
  });

  it('refuses with a typed error when exhausted, without blocking', () => {
    const { pool } = setup(40000, 40003);
    pool.lease('a');
    pool.lease('b');
    let caught: unknown;
    try {
      pool.lease('c');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RtpPortsExhaustedError);
    expect(isDomainError(caught) && caught.kind).toBe('unavailable');
    expect(isDomainError(caught) && caught.id).toBe('RTP_PORTS_EXHAUSTED');
  });

  it('releases idempotently and lets the port out again only after its cool-down', () => {
    const { pool, clock } = setup(40000, 40001);
    expect(pool.lease('a')).toBe(40000);
    pool.release('a');
    pool.release('a');
    pool.release('never-leased');
    expect(pool.leases()).toEqual([]);
    expect(() => pool.lease('b')).toThrow(RtpPortsExhaustedError);
    clock.now = 1999;
    expect(() => pool.lease('b')).toThrow(RtpPortsExhaustedError);
    clock.now = 2000;
    expect(pool.lease('b')).toBe(40000);
    expect(pool.leases()).toEqual([{ callId: 'b', port: 40000 }]);
  });

  it('refuses a second lease for the same call', () => {
    const { pool } = setup(40000, 40010);
    pool.lease('a');
    expect(() => pool.lease('a')).toThrow(RtpLeaseConflictError);
    expect(pool.leases()).toHaveLength(1);
  });

  it('with the OS range, leases port 0 and records the port the OS chose', () => {
    const pool = new PortPool({ kind: 'os' }, { clock: { nowMs: () => 0 }, randomIndex: () => 0 });
    expect(pool.lease('a')).toBe(0);
    pool.bound('a', 51234);
    expect(pool.leases()).toEqual([{ callId: 'a', port: 51234 }]);
    pool.release('a');
    expect(pool.lease('a')).toBe(0);
  });

  it('parses RTP_PORT_RANGE', () => {
    expect(parsePortRange('40000-40999')).toEqual({ kind: 'range', min: 40000, max: 40999 });
    expect(parsePortRange(' 0 ')).toEqual({ kind: 'os' });
    for (const bad of ['', '40000', '40000-', '80-90', '40000-70000', '40001-40001', 'a-b']) {
      expect(() => parsePortRange(bad)).toThrow(RangeError);
    }
  });
});
