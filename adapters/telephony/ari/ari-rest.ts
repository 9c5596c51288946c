import type { Bridge, Channel, Client } from 'ari-client';

/**
 * The ARI operations this adapter uses (VOICE.md §2.4), as plain data in and out. The rest of the adapter talks
 * to this interface, never to `ari-client`'s resource objects, so the library stays in this file and the guard.
 */
export interface AriChannelSnapshot {
  readonly id: string;
  readonly state: string;
  readonly creationtime: string | null;
  /** The dialplan application the channel is in (`Stasis` while in our app, `AMD` during the analysis). */
  readonly appName: string | null;
  readonly vars: Readonly<Record<string, string>>;
}

export interface AriBridgeSnapshot {
  readonly id: string;
  readonly channels: readonly string[];
  readonly creationtime: string | null;
}

export interface OriginateRequest {
  readonly channelId: string;
  readonly endpoint: string;
  readonly app: string;
  readonly appArgs: string;
  readonly callerId: string;
  readonly timeoutS: number;
  readonly variables: Readonly<Record<string, string>>;
}

export interface ExternalMediaRequest {
  readonly channelId: string;
  readonly app: string;
  /** `ip:port`: an IP literal, because Asterisk resolves host names synchronously. */
  readonly externalHost: string;
  readonly variables: Readonly<Record<string, string>>;
}

export interface AriRest {
  originate(request: OriginateRequest): Promise<AriChannelSnapshot>;
  externalMedia(request: ExternalMediaRequest): Promise<AriChannelSnapshot>;
  getChannel(channelId: string): Promise<AriChannelSnapshot>;
  listChannels(): Promise<AriChannelSnapshot[]>;
  hangupChannel(channelId: string): Promise<void>;
  continueInDialplan(channelId: string, context: string): Promise<void>;
  getChannelVar(channelId: string, variable: string): Promise<string>;
  play(channelId: string, media: string, playbackId: string): Promise<void>;
  createBridge(bridgeId: string): Promise<AriBridgeSnapshot>;
  getBridge(bridgeId: string): Promise<AriBridgeSnapshot>;
  listBridges(): Promise<AriBridgeSnapshot[]>;
  destroyBridge(bridgeId: string): Promise<void>;
  addChannels(bridgeId: string, channelIds: readonly string[]): Promise<void>;
  getApplication(app: string): Promise<void>;
  /** Asterisk's version and start-up time (a changed start-up time means Asterisk restarted). */
  getInfo(): Promise<{ readonly version: string | null; readonly startupTime: string | null }>;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const stringRecord = (value: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') out[key] = entry;
  return out;
};

export const toChannelSnapshot = (channel: Partial<Channel> | Record<string, unknown>): AriChannelSnapshot => {
  const raw = channel as Record<string, unknown>;
  const dialplan = stringRecord(raw['dialplan']);
  return {
    id: text(raw['id']) ?? '',
    state: text(raw['state']) ?? '',
    creationtime: text(raw['creationtime']),
    appName: dialplan['app_name'] ?? null,
    vars: stringRecord(raw['channelvars']),
  };
};

const toBridgeSnapshot = (bridge: Partial<Bridge> | Record<string, unknown>): AriBridgeSnapshot => {
  const raw = bridge as Record<string, unknown>;
  const channels = raw['channels'];
  return {
    id: text(raw['id']) ?? '',
    channels: Array.isArray(channels) ? channels.filter((c): c is string => typeof c === 'string') : [],
    creationtime: text(raw['creationtime']),
  };
};

/** Library promises are Bluebird: turned into native ones at once, so nothing is left unhandled. */
const native = <T>(promise: PromiseLike<T>): Promise<T> => Promise.resolve(promise);

export const restOverClient = (client: Client): AriRest => ({
  originate: async (r) =>
    toChannelSnapshot(
      await native(
        client.channels.originate({
          endpoint: r.endpoint,
          app: r.app,
          appArgs: r.appArgs,
          callerId: r.callerId,
          timeout: r.timeoutS,
          channelId: r.channelId,
          variables: { ...r.variables },
        }),
      ),
    ),
  externalMedia: async (r) =>
    toChannelSnapshot(
      await native(
        client.channels.externalMedia({
          channelId: r.channelId,
          app: r.app,
          external_host: r.externalHost,
          format: 'ulaw',
          encapsulation: 'rtp',
          transport: 'udp',
          connection_type: 'client',
          direction: 'both',
          variables: { ...r.variables },
        }),
      ),
    ),
  getChannel: async (channelId) => toChannelSnapshot(await native(client.channels.get({ channelId }))),
  listChannels: async () => (await native(client.channels.list())).map(toChannelSnapshot),
  hangupChannel: async (channelId) => {
    await native(client.channels.hangup({ channelId, reason: 'normal' }));
  },
  continueInDialplan: async (channelId, context) => {
    await native(client.channels.continueInDialplan({ channelId, context, extension: 's', priority: 1 }));
  },
  getChannelVar: async (channelId, variable) =>
    (await native(client.channels.getChannelVar({ channelId, variable }))).value,
  play: async (channelId, media, playbackId) => {
    await native(client.channels.play({ channelId, media, playbackId }));
  },
  createBridge: async (bridgeId) =>
    toBridgeSnapshot(await native(client.bridges.create({ type: 'mixing', bridgeId, name: bridgeId }))),
  getBridge: async (bridgeId) => toBridgeSnapshot(await native(client.bridges.get({ bridgeId }))),
  listBridges: async () => (await native(client.bridges.list())).map(toBridgeSnapshot),
  destroyBridge: async (bridgeId) => {
    await native(client.bridges.destroy({ bridgeId }));
  },
  addChannels: async (bridgeId, channelIds) => {
    await native(client.bridges.addChannel({ bridgeId, channel: [...channelIds] }));
  },
  getApplication: async (app) => {
    await native(client.applications.get({ applicationName: app }));
  },
  getInfo: async () => {
    const info = await native(client.asterisk.getInfo());
    return { version: info.system?.version ?? null, startupTime: info.status?.startup_time ?? null };
  },
});
