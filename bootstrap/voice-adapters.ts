import type { Clock } from '../application/ports/clock';
import type { HealthProbe } from '../application/ports/health-probe';
import type { Logger } from '../application/ports/logger';
import { AriHealthProbe } from '../adapters/telephony/ari/ari-health-probe';
import type { AriTelephonyOptions } from '../adapters/telephony/ari/ari-options';
import { AriTelephony } from '../adapters/telephony/ari/ari-telephony';
import { DgramRtpMediaFactory } from '../adapters/telephony/rtp/dgram-rtp-media-factory';
import { Pacer, hrtimeClock } from '../adapters/telephony/rtp/pacer';
import { CryptoRandomSource } from '../adapters/security/crypto-random-source';
import { OpenAiRealtimeAgent } from '../adapters/voice/openai-realtime/openai-realtime-agent';
import {
  DEFAULT_REALTIME_OPTIONS,
  type RealtimeAgentOptions,
} from '../adapters/voice/openai-realtime/realtime-options';
import type { AsteriskConfig, OpenAiRealtimeConfig, RtpConfig } from './voice-config';

/** Test seams of the real voice adapters (the fakes' certificate, compressed guards); never read from the env. */
export interface VoiceAdapterOverrides {
  readonly ari?: Partial<AriTelephonyOptions>;
  readonly realtime?: Partial<RealtimeAgentOptions>;
}

/** The ARI telephony with its RTP media plane; `close()` hangs up every leg, then releases sockets and the pacer. */
export class AsteriskStack {
  readonly telephony: AriTelephony;
  readonly media: DgramRtpMediaFactory;
  readonly probe: HealthProbe;
  private readonly pacer = new Pacer();

  constructor(
    asterisk: AsteriskConfig,
    rtp: RtpConfig,
    clock: Clock,
    logger: Logger,
    overrides?: VoiceAdapterOverrides,
  ) {
    const voiceLogger = logger.child({ context: 'voice' });
    this.media = new DgramRtpMediaFactory(
      {
        bindAddress: rtp.bindAddress,
        ...(rtp.advertiseAddress === undefined ? {} : { advertiseAddress: rtp.advertiseAddress }),
        portRange: rtp.portRange,
        socketBufferBytes: rtp.socketBufferBytes,
      },
      { pacer: this.pacer, clock: hrtimeClock, random: new CryptoRandomSource(), logger: voiceLogger },
    );
    this.telephony = new AriTelephony(
      {
        url: asterisk.ariUrl,
        username: asterisk.username,
        password: asterisk.password,
        app: asterisk.app,
        dialTemplate: asterisk.dialTemplate,
        callerId: asterisk.callerId,
        amd: asterisk.amd,
        requestTimeoutMs: asterisk.requestTimeoutMs,
        ...(rtp.advertiseAddress === undefined ? {} : { rtpAdvertiseAddress: rtp.advertiseAddress }),
        ...(asterisk.mediaAddress === undefined ? {} : { asteriskMediaAddress: asterisk.mediaAddress }),
        ...overrides?.ari,
      },
      { media: this.media, clock, logger: voiceLogger },
    );
    this.probe = new AriHealthProbe(this.telephony.supervisor);
    this.telephony.start();
  }

  async close(): Promise<void> {
    await this.telephony.close();
    await this.media.close();
    this.pacer.close();
  }
}

export const openAiRealtimeAgent = (
  openai: OpenAiRealtimeConfig,
  clock: Clock,
  logger: Logger,
  overrides?: VoiceAdapterOverrides,
): OpenAiRealtimeAgent =>
  new OpenAiRealtimeAgent(
    {
      ...DEFAULT_REALTIME_OPTIONS,
      apiKey: openai.apiKey,
      url: openai.url,
      model: openai.model,
      voice: openai.voice,
      transcribeModel: openai.transcribeModel,
      noiseReduction: openai.noiseReduction,
      vad: {
        ...DEFAULT_REALTIME_OPTIONS.vad,
        prefixPaddingMs: openai.vadPrefixMs,
        silenceDurationMs: openai.vadSilenceMs,
      },
      reconnectBudgetMs: openai.reconnectBudgetMs,
      replayMaxTurns: openai.replayMaxTurns,
      replayMaxChars: openai.replayMaxChars,
      playoutLatencyMs: openai.playoutLatencyMs,
      allowPlainWs: openai.allowPlainWs,
      ...overrides?.realtime,
    },
    clock,
    logger.child({ context: 'voice-agent' }),
  );
