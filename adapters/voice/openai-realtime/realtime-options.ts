/**
 * Settings of the OpenAI Realtime agent (VOICE.md §4, Appendix A and B). Bootstrap builds them from the validated
 * configuration; tests point `url` at the fake server and pass its certificate as `ca`.
 */
export interface RealtimeVadOptions {
  readonly threshold: number;
  readonly prefixPaddingMs: number;
  readonly silenceDurationMs: number;
}

export interface RealtimeAgentOptions {
  readonly apiKey: string;
  /** Without the query: `?model=` is added. `wss:` only, unless `allowPlainWs` (NODE_ENV=test, RESOLUTIONS.md 38). */
  readonly url: string;
  readonly model: string;
  readonly voice: string;
  readonly transcribeModel: string;
  readonly vad: RealtimeVadOptions;
  readonly noiseReduction: 'near_field' | 'far_field' | 'off';
  /** Extra trust anchors (the test certificate); certificate checks are never disabled. */
  readonly ca?: string | Buffer;
  readonly allowPlainWs?: boolean;
  readonly handshakeTimeoutMs: number;
  /** Open (connect, `session.created`, `session.update`, `session.updated`) with its retries must finish within this. */
  readonly openBudgetMs: number;
  /** From the loss to a ready replacement connection (VOICE.md §4.9). */
  readonly reconnectBudgetMs: number;
  /** Attempt start times after the loss. */
  readonly reconnectDelaysMs: readonly number[];
  readonly pingIntervalMs: number;
  readonly pongTimeoutMs: number;
  /** A send buffer above this means the connection is stalled (VOICE.md §3.10). */
  readonly maxBufferedBytes: number;
  readonly replayMaxTurns: number;
  readonly replayMaxChars: number;
  /** Subtracted from played ms when truncating (carrier delay compensation). */
  readonly playoutLatencyMs: number;
  /** An assistant turn is settled at the latest this long after its text and audio are complete (VOICE.md §4.12). */
  readonly assistantSettleMs: number;
  /** A committed patient item whose transcript has not arrived by then stops holding later turns back. */
  readonly transcriptWaitMs: number;
  /** Fallback session cap when `session.created` carries no `expires_at`. */
  readonly sessionCapS: number;
  /** The instruction sent before the resume response after a reconnect (VOICE.md §4.4). */
  readonly resumeInstruction: string;
}

export const DEFAULT_REALTIME_OPTIONS: Omit<RealtimeAgentOptions, 'apiKey'> = {
  url: 'wss://api.openai.com/v1/realtime',
  model: 'gpt-realtime',
  voice: 'marin',
  transcribeModel: 'gpt-4o-mini-transcribe',
  vad: { threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 700 },
  noiseReduction: 'near_field',
  handshakeTimeoutMs: 5000,
  openBudgetMs: 8000,
  reconnectBudgetMs: 2000,
  reconnectDelaysMs: [0, 250, 750],
  pingIntervalMs: 15_000,
  pongTimeoutMs: 10_000,
  maxBufferedBytes: 256 * 1024,
  replayMaxTurns: 30,
  replayMaxChars: 8000,
  playoutLatencyMs: 0,
  assistantSettleMs: 3000,
  transcriptWaitMs: 10_000,
  sessionCapS: 3600,
  resumeInstruction:
    'The phone line dropped for a moment. Apologise briefly for the interruption and continue where you left off.',
};

/** The socket URL: the configured endpoint with the model as query parameter. */
export const realtimeUrl = (options: Pick<RealtimeAgentOptions, 'url' | 'model' | 'allowPlainWs'>): string => {
  const url = new URL(options.url);
  if (url.protocol !== 'wss:' && !(url.protocol === 'ws:' && options.allowPlainWs === true)) {
    throw new Error(`OpenAI Realtime URL must use wss: (got ${url.protocol})`);
  }
  url.searchParams.set('model', options.model);
  return url.toString();
};
