import type { AriSupervisorSettings } from './ari-supervisor';

/**
 * Everything the ARI adapter is configured with (VOICE.md Appendix A and B). Bootstrap maps the validated
 * environment onto it; only the connection, the app, the dial template and the caller id are required.
 */
export interface AriTelephonyOptions {
  /** `http(s)://host:port` (ARI_URL). */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** Stasis application (ARI_APP, default `bianca`). */
  readonly app?: string;
  /** Dial string with `{e164}`, e.g. `PJSIP/{e164}@carrier` (ASTERISK_DIAL_TEMPLATE). */
  readonly dialTemplate: string;
  /** Presented number (ASTERISK_CALLER_ID). */
  readonly callerId: string;
  /** Ring time in seconds, also passed to Asterisk as the originate timeout (default 30). */
  readonly ringTimeoutS?: number;
  /** Run AMD in the dialplan (VOICE_AMD, default on). */
  readonly amd?: boolean;
  /** The IP literal Asterisk sends our RTP to (RTP_ADVERTISE_ADDRESS); default: the leg's bound address. */
  readonly rtpAdvertiseAddress?: string;
  /** Asterisk's RTP source address when it differs from the reported one (ASTERISK_MEDIA_ADDRESS). */
  readonly asteriskMediaAddress?: string;
  readonly requestTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** How long a dial waits for a reconnection and its reconciliation (default 5 s). */
  readonly readyWaitMs?: number;
  readonly pingIntervalMs?: number;
  readonly pongTimeoutMs?: number;
  readonly healthIntervalMs?: number;
  readonly reconnectBaseMs?: number;
  readonly reconnectMaxMs?: number;
  readonly breakerThreshold?: number;
  readonly breakerHalfOpenMs?: number;
  /** AMD analysis plus its guard (5 s + 3 s). */
  readonly amdGuardMs?: number;
  /** Wait for the hang-up events (and their cause) after a final Dial status. */
  readonly dialFinalGuardMs?: number;
  /** Longest wait for the apology asset after a failed media set-up. */
  readonly apologyGuardMs?: number;
  /** Cleanup saga: each step retried 200 ms doubling to 5 s, for up to 60 s (then the audits take over). */
  readonly sagaBudgetMs?: number;
  readonly sagaBaseDelayMs?: number;
  readonly sagaMaxDelayMs?: number;
  /** How long `close()` lets the sagas run before it releases what is left locally. */
  readonly closeBudgetMs?: number;
  /** Late events for an ended call's objects are recognised (and ignored) this long. */
  readonly tombstoneMs?: number;
  /** Reconciliation removes our channels and bridges without a call only once they are this old. */
  readonly orphanMinAgeMs?: number;
  /** The periodic audit of Asterisk objects (every 60 s, objects older than 30 s). */
  readonly auditIntervalMs?: number;
  readonly auditMinAgeMs?: number;
}

export interface AriTelephonySettings extends AriSupervisorSettings {
  readonly dialTemplate: string;
  readonly callerId: string;
  readonly ringTimeoutS: number;
  readonly amd: boolean;
  readonly rtpAdvertiseAddress: string | null;
  readonly asteriskMediaAddress: string | null;
  readonly readyWaitMs: number;
  readonly amdGuardMs: number;
  readonly dialFinalGuardMs: number;
  readonly apologyGuardMs: number;
  readonly sagaBudgetMs: number;
  readonly sagaBaseDelayMs: number;
  readonly sagaMaxDelayMs: number;
  readonly closeBudgetMs: number;
  readonly tombstoneMs: number;
  readonly orphanMinAgeMs: number;
  readonly auditIntervalMs: number;
  readonly auditMinAgeMs: number;
}

export const resolveAriSettings = (o: AriTelephonyOptions): AriTelephonySettings => ({
  url: o.url.replace(/\/+$/, ''),
  username: o.username,
  password: o.password,
  app: o.app ?? 'bianca',
  dialTemplate: o.dialTemplate,
  callerId: o.callerId,
  ringTimeoutS: o.ringTimeoutS ?? 30,
  amd: o.amd ?? true,
  rtpAdvertiseAddress: o.rtpAdvertiseAddress ?? null,
  asteriskMediaAddress: o.asteriskMediaAddress ?? null,
  requestTimeoutMs: o.requestTimeoutMs ?? 5000,
  connectTimeoutMs: o.connectTimeoutMs ?? 10_000,
  readyWaitMs: o.readyWaitMs ?? 5000,
  pingIntervalMs: o.pingIntervalMs ?? 10_000,
  pongTimeoutMs: o.pongTimeoutMs ?? 5000,
  healthIntervalMs: o.healthIntervalMs ?? 30_000,
  reconnectBaseMs: o.reconnectBaseMs ?? 1000,
  reconnectMaxMs: o.reconnectMaxMs ?? 30_000,
  breakerThreshold: o.breakerThreshold ?? 5,
  breakerHalfOpenMs: o.breakerHalfOpenMs ?? 30_000,
  amdGuardMs: o.amdGuardMs ?? 8000,
  dialFinalGuardMs: o.dialFinalGuardMs ?? 2000,
  apologyGuardMs: o.apologyGuardMs ?? 10_000,
  sagaBudgetMs: o.sagaBudgetMs ?? 60_000,
  sagaBaseDelayMs: o.sagaBaseDelayMs ?? 200,
  sagaMaxDelayMs: o.sagaMaxDelayMs ?? 5000,
  closeBudgetMs: o.closeBudgetMs ?? 5000,
  tombstoneMs: o.tombstoneMs ?? 60_000,
  orphanMinAgeMs: o.orphanMinAgeMs ?? 10_000,
  auditIntervalMs: o.auditIntervalMs ?? 60_000,
  auditMinAgeMs: o.auditMinAgeMs ?? 30_000,
});
