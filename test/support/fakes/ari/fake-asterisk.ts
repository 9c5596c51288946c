import { EVENT_MODELS } from './ari-swagger';
import {
  AriHttpError,
  CAUSE_TEXT,
  CHANNEL_NOT_FOUND,
  NOT_IN_STASIS,
  bridgeJson,
  channelJson,
  stasisDialplan,
  timestamp,
  type FakeBridge,
  type FakeChannel,
} from './fake-ari-model';
import { playDialScenario, type AmdScript, type ScenarioHost, type VoicemailScript } from './fake-dial-scenarios';
import { splitHostPort } from './fake-media-endpoint';

export type AriEventJson = Record<string, unknown> & { readonly type: string; readonly application: string };

/** Where events go: the WebSocket holding the app, if any (otherwise Asterisk drops them). */
export interface EventSink {
  deliver(event: AriEventJson): boolean;
}

export interface SentEvent {
  readonly event: AriEventJson;
  readonly delivered: boolean;
}

export interface FakeAsteriskOptions {
  /** `ari.conf` `channelvars`: the variables every channel snapshot carries. */
  readonly channelvars: readonly string[];
  readonly playbackMs: number;
}

/**
 * The state of the fake Asterisk: channels, bridges, playbacks, the timers of their scripts, and the events they
 * produce. The REST operations live in `FakeAriOperations`; this class is what scenarios and faults act on.
 */
export class FakeAsterisk implements ScenarioHost {
  readonly channels = new Map<string, FakeChannel>();
  readonly bridges = new Map<string, FakeBridge>();
  readonly playbacks = new Map<string, Record<string, unknown>>();
  readonly sent: SentEvent[] = [];
  readonly messagesLeft: Array<{ readonly callId: string; readonly language: string }> = [];
  readonly amdScripts = new Map<string, AmdScript>();
  voicemail: VoicemailScript = { durationMs: 20 };
  startupTime = new Date();
  /** Rewrites each event before it is sent (duplicate, drop, hold back); the default sends it as is. */
  transform: (event: AriEventJson) => AriEventJson[] = (event) => [event];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly options: FakeAsteriskOptions,
    private readonly sink: EventSink,
  ) {}

  after(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  isLive(channel: FakeChannel): boolean {
    return this.channels.get(channel.id) === channel;
  }

  requireChannel(id: string, status = 404): FakeChannel {
    const channel = this.channels.get(id);
    if (channel === undefined) throw new AriHttpError(status, CHANNEL_NOT_FOUND);
    return channel;
  }

  /** Sends one event to `app`; refuses (throws) a type its events.json does not declare, as the client would crash. */
  emit(app: string, type: string, props: Record<string, unknown>): void {
    if (!(type in EVENT_MODELS)) throw new Error(`fake ARI: event type ${type} is not declared in events.json`);
    const event: AriEventJson = { ...props, type, application: app, timestamp: timestamp() };
    for (const out of this.transform(event)) this.sent.push({ event: out, delivered: this.sink.deliver(out) });
  }

  snapshot(channel: FakeChannel, extraVars: readonly string[] = []): Record<string, unknown> {
    return channelJson(channel, this.options.channelvars, extraVars);
  }

  setState(channel: FakeChannel, state: FakeChannel['state']): void {
    channel.state = state;
    this.emit(channel.app, 'ChannelStateChange', { channel: this.snapshot(channel) });
  }

  dial(channel: FakeChannel, status: string): void {
    this.emit(channel.app, 'Dial', {
      peer: this.snapshot(channel),
      dialstring: channel.endpoint?.split('/').slice(1).join('/') ?? '',
      dialstatus: status,
    });
  }

  enterStasis(channel: FakeChannel, args: readonly string[]): void {
    channel.inStasis = true;
    channel.dialplan = stasisDialplan(channel.app, args);
    this.emit(channel.app, 'StasisStart', { args: [...args], channel: this.snapshot(channel) });
  }

  /** The channel goes away (callee, dialplan or our DELETE), with the events Asterisk sends for it. */
  hangup(channel: FakeChannel, cause: number, soft = false): void {
    if (!this.isLive(channel)) return;
    this.emit(channel.app, 'ChannelHangupRequest', { cause, soft, channel: this.snapshot(channel) });
    if (channel.inStasis) {
      channel.inStasis = false;
      this.emit(channel.app, 'StasisEnd', { channel: this.snapshot(channel) });
    }
    this.leaveBridge(channel);
    this.channels.delete(channel.id);
    channel.media?.close();
    this.emit(channel.app, 'ChannelDestroyed', {
      cause,
      cause_txt: CAUSE_TEXT[cause] ?? 'Unknown',
      channel: this.snapshot(channel),
    });
  }

  talk(channel: FakeChannel, durationMs: number): void {
    const media = this.mediaPartner(channel);
    if (media?.media != null && media.externalHost !== null) media.media.speak(media.externalHost, durationMs);
  }

  /** The media channel bridged with `channel`, if the bridge holds both (the only time audio flows). */
  mediaPartner(channel: FakeChannel): FakeChannel | null {
    const bridge = channel.bridgeId === null ? undefined : this.bridges.get(channel.bridgeId);
    if (bridge === undefined) return null;
    const partner = bridge.channels.map((id) => this.channels.get(id)).find((c) => c?.role === 'media');
    return partner ?? null;
  }

  enterBridge(bridge: FakeBridge, channel: FakeChannel): void {
    if (channel.bridgeId === bridge.id) return;
    this.leaveBridge(channel);
    channel.bridgeId = bridge.id;
    bridge.channels.push(channel.id);
    bridge.apps.add(channel.app);
    this.emit(channel.app, 'ChannelEnteredBridge', { bridge: bridgeJson(bridge), channel: this.snapshot(channel) });
  }

  leaveBridge(channel: FakeChannel): void {
    const bridge = channel.bridgeId === null ? undefined : this.bridges.get(channel.bridgeId);
    channel.bridgeId = null;
    if (bridge === undefined) return;
    bridge.channels.splice(bridge.channels.indexOf(channel.id), 1);
    for (const id of bridge.channels) this.channels.get(id)?.media?.stopSpeaking();
    channel.media?.stopSpeaking();
    this.emit(channel.app, 'ChannelLeftBridge', { bridge: bridgeJson(bridge), channel: this.snapshot(channel) });
  }

  destroyBridge(bridge: FakeBridge): void {
    for (const id of [...bridge.channels]) {
      const channel = this.channels.get(id);
      if (channel !== undefined) this.leaveBridge(channel);
    }
    this.bridges.delete(bridge.id);
    for (const app of bridge.apps) this.emit(app, 'BridgeDestroyed', { bridge: bridgeJson(bridge) });
  }

  startDial(channel: FakeChannel, scenario: Parameters<typeof playDialScenario>[2]): void {
    const callId = channel.variables.get('BIANCA_CALL_ID');
    if (scenario.kind === 'answer' && scenario.amd !== undefined && callId !== undefined) {
      this.amdScripts.set(channel.id, scenario.amd);
    }
    playDialScenario(this, channel, scenario);
  }

  /** `continue`: the channel leaves Stasis for a dialplan context and (maybe) comes back. */
  continueInDialplan(channel: FakeChannel, context: string): void {
    if (!channel.inStasis) throw new AriHttpError(409, NOT_IN_STASIS);
    channel.inStasis = false;
    this.emit(channel.app, 'StasisEnd', { channel: this.snapshot(channel) });
    const callId = channel.variables.get('BIANCA_CALL_ID') ?? '';
    if (context === 'bianca-amd') {
      const script = this.amdScripts.get(channel.id) ?? { status: 'HUMAN', cause: 'HUMAN-500-500' };
      channel.dialplan = { context, exten: 's', priority: 1, app_name: 'AMD', app_data: '' };
      this.after(script.delayMs ?? 10, () => {
        if (!this.isLive(channel)) return;
        if (script.hangupDuring === true) return this.hangup(channel, 16);
        this.enterStasis(channel, ['amd', callId, script.status, script.cause]);
      });
    } else if (context === 'bianca-voicemail') {
      channel.dialplan = { context, exten: 's', priority: 1, app_name: 'WaitForSilence', app_data: '1500,1,20' };
      this.after(this.voicemail.durationMs, () => {
        if (!this.isLive(channel)) return;
        this.messagesLeft.push({ callId, language: channel.variables.get('BIANCA_LANG') ?? '' });
        this.hangup(channel, 16);
      });
    } else {
      // An unknown context has no extension `s`: the dialplan ends and Asterisk hangs the channel up.
      this.after(1, () => this.hangup(channel, 16));
    }
  }

  /** What `GET /channels/{id}` and `getChannelVar` see of a media channel's local RTP address. */
  mediaVariables(channel: FakeChannel, address: string, port: number): void {
    channel.variables.set('UNICASTRTP_LOCAL_ADDRESS', address);
    channel.variables.set('UNICASTRTP_LOCAL_PORT', String(port));
  }

  targetOf(channel: FakeChannel): [string, number] | null {
    return channel.externalHost === null ? null : splitHostPort(channel.externalHost);
  }

  /** Restart: every channel, bridge and media socket is gone at once, without a single event. */
  forgetEverything(): void {
    this.clearTimers();
    for (const channel of this.channels.values()) channel.media?.close();
    this.channels.clear();
    this.bridges.clear();
    this.playbacks.clear();
    this.amdScripts.clear();
    this.startupTime = new Date(Math.max(Date.now(), this.startupTime.getTime() + 1000));
  }
}
