import { isIP } from 'node:net';
import { z } from 'zod';
import { parsePortRange, type PortRange } from '../adapters/telephony/rtp/port-pool';

/**
 * The voice pipeline's settings (VOICE.md Appendix A): which telephony and agent adapters run, and what they are
 * configured with. Parsed from the same environment as the rest of `loadConfig`; a problem is reported as
 * `<VARIABLE> <what is wrong>` and never echoes the value (the keys and passwords are secrets).
 */
export interface AsteriskConfig {
  readonly ariUrl: string;
  readonly username: string;
  readonly password: string;
  readonly app: string;
  readonly requestTimeoutMs: number;
  readonly dialTemplate: string;
  readonly callerId: string;
  readonly mediaAddress: string | undefined;
  readonly amd: boolean;
}

export interface RtpConfig {
  readonly bindAddress: string;
  readonly advertiseAddress: string | undefined;
  /** `os` = every leg binds an OS-assigned port (RTP_PORT_RANGE=0, tests). */
  readonly portRange: PortRange;
  readonly socketBufferBytes: number;
}

export interface OpenAiRealtimeConfig {
  readonly apiKey: string;
  readonly url: string;
  readonly model: string;
  readonly voice: string;
  readonly transcribeModel: string;
  readonly noiseReduction: 'near_field' | 'far_field' | 'off';
  readonly vadPrefixMs: number;
  readonly vadSilenceMs: number;
  readonly reconnectBudgetMs: number;
  readonly replayMaxTurns: number;
  readonly replayMaxChars: number;
  readonly playoutLatencyMs: number;
  /** `ws:` is accepted only with NODE_ENV=test (the fake server without TLS). */
  readonly allowPlainWs: boolean;
}

export interface VoiceConfig {
  readonly telephony: 'simulated' | 'asterisk';
  readonly agent: 'scripted' | 'openai';
  /** Set exactly when `telephony` is `asterisk`. */
  readonly asterisk: AsteriskConfig | undefined;
  readonly rtp: RtpConfig;
  /** Set exactly when `agent` is `openai`. */
  readonly openai: OpenAiRealtimeConfig | undefined;
}

export class VoiceConfigProblem extends Error {}

const text = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const count = (min: number, max: number, fallback: number) =>
  text.transform((value, ctx) => {
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      ctx.addIssue({ code: 'custom', message: `must be an integer from ${min} to ${max}` });
      return z.NEVER;
    }
    return Number(value);
  });

const urlWith = (protocols: readonly string[]) =>
  text.refine(
    (value) => {
      if (value === undefined) return true;
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

const ipLiteral = text.refine((value) => value === undefined || isIP(value) !== 0, {
  message: 'must be an IP address literal',
});

const onOff = text.pipe(z.enum(['on', 'off'], { error: 'must be on or off' }).optional());

const portRange = text.transform((value, ctx): PortRange => {
  try {
    return parsePortRange(value ?? '40000-40999');
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be 0 or a range like 40000-40999 (ports 1024-65535)' });
    return z.NEVER;
  }
});

const schema = z.object({
  VOICE_TELEPHONY: text.pipe(z.enum(['simulated', 'asterisk'], { error: 'must be simulated or asterisk' }).optional()),
  VOICE_AGENT: text.pipe(z.enum(['scripted', 'openai'], { error: 'must be scripted or openai' }).optional()),
  ARI_URL: urlWith(['http:', 'https:']),
  ARI_USERNAME: text,
  ARI_PASSWORD: text,
  ARI_APP: text.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be 1-64 letters, digits, _ or -' })
      .optional(),
  ),
  ARI_REQUEST_TIMEOUT_MS: count(100, 60_000, 5000),
  ASTERISK_DIAL_TEMPLATE: text.refine((value) => value === undefined || value.includes('{e164}'), {
    message: 'must contain {e164}',
  }),
  ASTERISK_CALLER_ID: text.refine((value) => value === undefined || /^\+?[0-9]{3,15}$/.test(value), {
    message: 'must be a phone number of 3-15 digits',
  }),
  ASTERISK_MEDIA_ADDRESS: ipLiteral,
  VOICE_AMD: onOff,
  RTP_BIND_ADDRESS: ipLiteral,
  RTP_ADVERTISE_ADDRESS: ipLiteral,
  RTP_PORT_RANGE: portRange,
  RTP_SOCKET_BUFFER_BYTES: count(65_536, 16_777_216, 262_144),
  OPENAI_API_KEY: text,
  OPENAI_REALTIME_URL: urlWith(['wss:', 'ws:']),
  OPENAI_REALTIME_MODEL: text,
  OPENAI_REALTIME_VOICE: text,
  OPENAI_TRANSCRIBE_MODEL: text,
  OPENAI_NOISE_REDUCTION: text.pipe(
    z.enum(['near_field', 'far_field', 'off'], { error: 'must be near_field, far_field or off' }).optional(),
  ),
  OPENAI_VAD_PREFIX_MS: count(0, 2000, 300),
  OPENAI_VAD_SILENCE_MS: count(100, 5000, 700),
  VOICE_AGENT_RECONNECT_BUDGET_MS: count(0, 30_000, 2000),
  VOICE_REPLAY_MAX_TURNS: count(0, 200, 30),
  VOICE_REPLAY_MAX_CHARS: count(0, 100_000, 8000),
  VOICE_PLAYOUT_LATENCY_MS: count(0, 1000, 0),
});

/**
 * Appendix A keys accepted so that a documented setting never fails start-up, whose adapters do not read them yet
 * (defaults apply): the transcript journal, assets, scripted speed, reorder wait, VAD type/threshold/eagerness.
 */
const RESERVED_KEYS = [
  'VOICE_DATA_DIR',
  'VOICE_ASSETS_DIR',
  'VOICE_SHUTDOWN_TIMEOUT_S',
  'VOICE_SCRIPTED_SPEED',
  'VOICE_REORDER_WAIT_MS',
  'OPENAI_VAD_TYPE',
  'OPENAI_VAD_THRESHOLD',
  'OPENAI_VAD_EAGERNESS',
];

/** Keys of the voice prefixes that are known; any other `VOICE_*`, `ARI_*`, `RTP_*`, `OPENAI_*` is a typo. */
const KNOWN_KEYS = new Set<string>([...Object.keys(schema.shape), ...RESERVED_KEYS]);
const VOICE_PREFIXES = ['VOICE_', 'ARI_', 'RTP_', 'OPENAI_', 'ASTERISK_'];

const required = (variable: string, value: string | undefined, when: string): string => {
  if (value === undefined) throw new VoiceConfigProblem(`${variable} is required when ${when}`);
  return value;
};

/** Throws `VoiceConfigProblem` (message starts with the variable's name) when the voice settings are invalid. */
export const parseVoiceConfig = (
  environment: Record<string, string | undefined>,
  nodeEnv: 'development' | 'test' | 'production',
): VoiceConfig => {
  const unknown = Object.keys(environment)
    .filter((key) => VOICE_PREFIXES.some((prefix) => key.startsWith(prefix)) && !KNOWN_KEYS.has(key))
    .sort()[0];
  if (unknown !== undefined) throw new VoiceConfigProblem(`${unknown} is not a known setting (check for a typo)`);
  const parsed = schema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VoiceConfigProblem(`${String(issue?.path[0] ?? 'voice')} ${issue?.message ?? 'is invalid'}`);
  }
  const e = parsed.data;
  const telephony = e.VOICE_TELEPHONY ?? (e.ARI_URL === undefined ? 'simulated' : 'asterisk');
  const agent = e.VOICE_AGENT ?? (e.OPENAI_API_KEY === undefined ? 'scripted' : 'openai');

  let asterisk: AsteriskConfig | undefined;
  if (telephony === 'asterisk') {
    const when = 'VOICE_TELEPHONY=asterisk';
    asterisk = {
      ariUrl: required('ARI_URL', e.ARI_URL, when),
      username: required('ARI_USERNAME', e.ARI_USERNAME, when),
      password: required('ARI_PASSWORD', e.ARI_PASSWORD, when),
      app: e.ARI_APP ?? 'bianca',
      requestTimeoutMs: e.ARI_REQUEST_TIMEOUT_MS,
      dialTemplate: required('ASTERISK_DIAL_TEMPLATE', e.ASTERISK_DIAL_TEMPLATE, when),
      callerId: required('ASTERISK_CALLER_ID', e.ASTERISK_CALLER_ID, when),
      mediaAddress: e.ASTERISK_MEDIA_ADDRESS,
      amd: e.VOICE_AMD !== 'off',
    };
  }

  let openai: OpenAiRealtimeConfig | undefined;
  if (agent === 'openai') {
    const url = e.OPENAI_REALTIME_URL ?? 'wss://api.openai.com/v1/realtime';
    const plain = url.startsWith('ws:');
    if (plain && nodeEnv !== 'test')
      throw new VoiceConfigProblem('OPENAI_REALTIME_URL must use wss:// outside NODE_ENV=test');
    openai = {
      apiKey: required('OPENAI_API_KEY', e.OPENAI_API_KEY, 'VOICE_AGENT=openai'),
      url,
      model: e.OPENAI_REALTIME_MODEL ?? 'gpt-realtime',
      voice: e.OPENAI_REALTIME_VOICE ?? 'marin',
      transcribeModel: e.OPENAI_TRANSCRIBE_MODEL ?? 'gpt-4o-mini-transcribe',
      noiseReduction: e.OPENAI_NOISE_REDUCTION ?? 'near_field',
      vadPrefixMs: e.OPENAI_VAD_PREFIX_MS,
      vadSilenceMs: e.OPENAI_VAD_SILENCE_MS,
      reconnectBudgetMs: e.VOICE_AGENT_RECONNECT_BUDGET_MS,
      replayMaxTurns: e.VOICE_REPLAY_MAX_TURNS,
      replayMaxChars: e.VOICE_REPLAY_MAX_CHARS,
      playoutLatencyMs: e.VOICE_PLAYOUT_LATENCY_MS,
      allowPlainWs: plain,
    };
  }

  if (nodeEnv === 'production' && e.RTP_PORT_RANGE.kind === 'os' && telephony === 'asterisk') {
    throw new VoiceConfigProblem('RTP_PORT_RANGE must be a port range when NODE_ENV=production');
  }
  return {
    telephony,
    agent,
    asterisk,
    rtp: {
      bindAddress: e.RTP_BIND_ADDRESS ?? '127.0.0.1',
      advertiseAddress: e.RTP_ADVERTISE_ADDRESS,
      portRange: e.RTP_PORT_RANGE,
      socketBufferBytes: e.RTP_SOCKET_BUFFER_BYTES,
    },
    openai,
  };
};
