import { seededRandom } from '../../../../adapters/audio/synthetic-voice';
import {
  DgramRtpMediaFactory,
  type DgramRtpMediaFactoryOptions,
} from '../../../../adapters/telephony/rtp/dgram-rtp-media-factory';
import { Pacer, hrtimeClock } from '../../../../adapters/telephony/rtp/pacer';
import type { LogFields, Logger } from '../../../../application/ports/logger';
import type { RandomSource } from '../../../../application/ports/random-source';

/** Deterministic bytes, so the initial sequence number, timestamp and SSRC are known to the test. */
export class SeededRandomSource implements RandomSource {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  bytes(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => Math.floor(this.next() * 256));
  }
  token(): string {
    return Buffer.from(this.bytes(32)).toString('base64url');
  }
  digits(length: number): string {
    return Array.from({ length }, () => String(Math.floor(this.next() * 10))).join('');
  }
  hex(count: number): string {
    return Buffer.from(this.bytes(count)).toString('hex').toUpperCase();
  }
}

export class RecordingLogger implements Logger {
  readonly entries: { level: string; fields: LogFields; message: string }[] = [];
  debug(fields: LogFields, message: string): void {
    this.entries.push({ level: 'debug', fields, message });
  }
  info(fields: LogFields, message: string): void {
    this.entries.push({ level: 'info', fields, message });
  }
  warn(fields: LogFields, message: string): void {
    this.entries.push({ level: 'warn', fields, message });
  }
  error(fields: LogFields, message: string): void {
    this.entries.push({ level: 'error', fields, message });
  }
  child(): Logger {
    return this;
  }
}

export const makeFactory = (
  options: Partial<DgramRtpMediaFactoryOptions> = {},
  random: RandomSource = new SeededRandomSource(42),
) => {
  const pacer = new Pacer();
  const logger = new RecordingLogger();
  const factory = new DgramRtpMediaFactory(
    { bindAddress: '127.0.0.1', portRange: { kind: 'os' }, socketBufferBytes: 262_144, ...options },
    { pacer, clock: hrtimeClock, random, logger },
  );
  return { factory, pacer, logger };
};

/** Polls a condition on the event loop (real sockets deliver asynchronously); resolves false on timeout. */
export const eventually = async (condition: () => boolean, timeoutMs = 5000): Promise<boolean> => {
  const deadline = hrtimeClock.nowMs() + timeoutMs;
  while (!condition()) {
    if (hrtimeClock.nowMs() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
};

/** UDP handles the process holds (sockets not yet closed by the runtime). */
export const udpHandles = (): number =>
  process.getActiveResourcesInfo().filter((name) => name === 'UDPWrap' || name === 'UDPWRAP').length;
export const timerHandles = (): number => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
