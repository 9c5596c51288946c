import type { Clock } from '../../application/ports/clock';

/** A clock tests move by hand. */
export class TestClock implements Clock {
  constructor(public current: Date = new Date('2026-06-01T12:00:00.000Z')) {}

  now(): Date {
    return new Date(this.current.getTime());
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }
}
