import { randomUUID } from 'node:crypto';
import {
  AriHttpError,
  BRIDGE_EXISTS,
  BRIDGE_NOT_FOUND,
  CHANNEL_EXISTS,
  NOT_IN_STASIS,
  PLAYBACK_NOT_FOUND,
  bridgeJson,
  stasisDialplan,
  type FakeChannel,
} from './fake-ari-model';
import type { FakeAsterisk } from './fake-asterisk';
import { dialedNumber, type DialScenario } from './fake-dial-scenarios';
import { FakeMediaEndpoint } from './fake-media-endpoint';

/** Path and query parameters by name, plus the JSON body's `variables`. */
export type OperationParams = Readonly<Record<string, string | undefined>>;
export type OperationVariables = Readonly<Record<string, string>>;

export interface OperationResult {
  readonly status: number;
  readonly body?: unknown;
}

export interface OperationContext {
  readonly asterisk: FakeAsterisk;
  scenarioFor(number: string): DialScenario;
  appHeld(app: string): boolean;
  /** Where media channels say they listen; null = a fresh UDP socket per media channel. */
  readonly mediaTarget: { readonly address: string; readonly port: number } | null;
  readonly omitMediaVariables: boolean;
}

type Handler = (
  ctx: OperationContext,
  p: OperationParams,
  variables: OperationVariables,
) => OperationResult | Promise<OperationResult>;

const required = (p: OperationParams, name: string, message: string): string => {
  const value = p[name];
  if (value === undefined || value === '') throw new AriHttpError(400, message);
  return value;
};

let sequence = 0;
const nextName = (prefix: string): string => `${prefix}-${(sequence++).toString(16).padStart(8, '0')}`;

const newChannel = (
  ctx: OperationContext,
  p: OperationParams,
  variables: OperationVariables,
  fields: Pick<FakeChannel, 'role' | 'app' | 'endpoint' | 'appArgs' | 'ringTimeoutS' | 'name'>,
): FakeChannel => {
  const id = p['channelId'] ?? `${Date.now() / 1000}.${sequence++}`;
  if (ctx.asterisk.channels.has(id)) throw new AriHttpError(409, CHANNEL_EXISTS);
  const channel: FakeChannel = {
    id,
    createdAt: new Date(),
    variables: new Map(Object.entries(variables)),
    state: 'Down',
    inStasis: false,
    dialplan: { context: 'default', exten: 's', priority: 1, app_name: 'AppDial2', app_data: '' },
    bridgeId: null,
    media: null,
    externalHost: null,
    ...fields,
  };
  ctx.asterisk.channels.set(id, channel);
  return channel;
};

const originate: Handler = (ctx, p, variables) => {
  const endpoint = required(p, 'endpoint', 'Endpoint must be specified');
  if (!/^[A-Za-z]+\/.+/.test(endpoint)) throw new AriHttpError(400, 'Invalid endpoint specified');
  const app = required(p, 'app', 'Application or extension must be specified');
  const appArgs = (p['appArgs'] ?? '').split(',').filter((a) => a !== '');
  const channel = newChannel(ctx, p, variables, {
    role: 'pstn',
    app,
    endpoint,
    appArgs,
    ringTimeoutS: Number(p['timeout'] ?? 30),
    name: nextName(`PJSIP/${endpoint.split('@')[1] ?? 'trunk'}`),
  });
  if (p['callerId'] !== undefined) channel.variables.set('CALLERID(num)', p['callerId']);
  // The app is subscribed to the channel before dialling begins: scenario events start after this response.
  ctx.asterisk.after(0, () => ctx.asterisk.startDial(channel, ctx.scenarioFor(dialedNumber(endpoint))));
  return { status: 200, body: ctx.asterisk.snapshot(channel) };
};

const externalMedia: Handler = async (ctx, p, variables) => {
  const app = required(p, 'app', 'app cannot be empty');
  const host = required(p, 'external_host', 'external_host cannot be empty');
  required(p, 'format', 'format cannot be empty');
  if (!/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(host)) throw new AriHttpError(400, 'external_host must be ip:port');
  if (p['channelId'] !== undefined && ctx.asterisk.channels.has(p['channelId'])) {
    throw new AriHttpError(409, CHANNEL_EXISTS);
  }
  const media = ctx.mediaTarget === null ? await FakeMediaEndpoint.open() : null;
  const address = media?.address ?? ctx.mediaTarget!.address;
  const port = media?.port ?? ctx.mediaTarget!.port;
  const channel = newChannel(ctx, p, variables, {
    role: 'media',
    app,
    endpoint: null,
    appArgs: [],
    ringTimeoutS: 0,
    name: nextName(`UnicastRTP/${host}`),
  });
  channel.media = media;
  channel.externalHost = host;
  channel.state = 'Up';
  ctx.asterisk.mediaVariables(channel, address, port);
  const extra = ctx.omitMediaVariables ? [] : ['UNICASTRTP_LOCAL_ADDRESS', 'UNICASTRTP_LOCAL_PORT'];
  const body = ctx.asterisk.snapshot(channel, extra);
  channel.inStasis = true;
  channel.dialplan = stasisDialplan(app, []);
  ctx.asterisk.after(0, () => {
    if (ctx.asterisk.isLive(channel)) ctx.asterisk.enterStasis(channel, []);
  });
  return { status: 200, body };
};

const hangup: Handler = (ctx, p) => {
  const channel = ctx.asterisk.requireChannel(p['channelId']!);
  ctx.asterisk.hangup(channel, 16);
  return { status: 204 };
};

const continueInDialplan: Handler = (ctx, p) => {
  const channel = ctx.asterisk.requireChannel(p['channelId']!);
  ctx.asterisk.continueInDialplan(channel, p['context'] ?? 'default');
  return { status: 204 };
};

const getChannelVar: Handler = (ctx, p) => {
  const channel = ctx.asterisk.requireChannel(p['channelId']!);
  const name = required(p, 'variable', 'Variable name is required');
  const value = channel.variables.get(name);
  if (value === undefined) throw new AriHttpError(404, 'Provided variable was not found');
  return { status: 200, body: { value } };
};

const play: Handler = (ctx, p) => {
  const channel = ctx.asterisk.requireChannel(p['channelId']!);
  const media = required(p, 'media', 'Missing parameter media');
  if (!channel.inStasis) throw new AriHttpError(409, NOT_IN_STASIS);
  const id = p['playbackId'] ?? randomUUID();
  const playback = { id, media_uri: media, target_uri: `channel:${channel.id}`, language: 'en', state: 'queued' };
  ctx.asterisk.playbacks.set(id, playback);
  ctx.asterisk.after(0, () =>
    ctx.asterisk.emit(channel.app, 'PlaybackStarted', { playback: { ...playback, state: 'playing' } }),
  );
  ctx.asterisk.after(ctx.asterisk.options.playbackMs, () => {
    if (!ctx.asterisk.playbacks.delete(id)) return;
    ctx.asterisk.emit(channel.app, 'PlaybackFinished', { playback: { ...playback, state: 'done' } });
  });
  return { status: 200, body: playback };
};

const createBridge: Handler = (ctx, p) => {
  const id = p['bridgeId'] ?? randomUUID();
  if (ctx.asterisk.bridges.has(id)) throw new AriHttpError(409, BRIDGE_EXISTS);
  const bridge = {
    id,
    name: p['name'] ?? '',
    type: p['type'] ?? 'mixing',
    createdAt: new Date(),
    channels: [],
    apps: new Set<string>(),
  };
  ctx.asterisk.bridges.set(id, bridge);
  return { status: 200, body: bridgeJson(bridge) };
};

const requireBridge = (ctx: OperationContext, id: string | undefined) => {
  const bridge = id === undefined ? undefined : ctx.asterisk.bridges.get(id);
  if (bridge === undefined) throw new AriHttpError(404, BRIDGE_NOT_FOUND);
  return bridge;
};

const addChannel: Handler = (ctx, p) => {
  const bridge = requireBridge(ctx, p['bridgeId']);
  const ids = required(p, 'channel', 'Missing parameter channel').split(',');
  const channels = ids.map((id) => ctx.asterisk.requireChannel(id, 400));
  if (channels.some((c) => !c.inStasis)) throw new AriHttpError(422, NOT_IN_STASIS);
  for (const channel of channels) ctx.asterisk.enterBridge(bridge, channel);
  return { status: 204 };
};

const destroyBridge: Handler = (ctx, p) => {
  ctx.asterisk.destroyBridge(requireBridge(ctx, p['bridgeId']));
  return { status: 204 };
};

const requirePlayback = (ctx: OperationContext, id: string | undefined): Record<string, unknown> => {
  const playback = id === undefined ? undefined : ctx.asterisk.playbacks.get(id);
  if (playback === undefined) throw new AriHttpError(404, PLAYBACK_NOT_FOUND);
  return playback;
};

export const OPERATIONS: Readonly<Record<string, Handler>> = {
  'applications.get': (ctx, p) => {
    const name = p['applicationName']!;
    if (!ctx.appHeld(name)) throw new AriHttpError(404, 'Application not found');
    const channelIds = [...ctx.asterisk.channels.values()].filter((c) => c.app === name).map((c) => c.id);
    return { status: 200, body: { name, channel_ids: channelIds, bridge_ids: [], endpoint_ids: [], device_names: [] } };
  },
  'asterisk.getInfo': (ctx) => ({
    status: 200,
    body: {
      build: { os: 'Linux', kernel: 'fake', machine: 'x86_64', options: '', date: '', user: 'fake' },
      system: { version: '22.0.0-fake', entity_id: '00:00:00:00:00:01' },
      config: { name: 'fake-asterisk', default_language: 'en' },
      status: {
        startup_time: ctx.asterisk.startupTime.toISOString().replace('Z', '+0000'),
        last_reload_time: ctx.asterisk.startupTime.toISOString().replace('Z', '+0000'),
      },
    },
  }),
  'channels.list': (ctx) => ({
    status: 200,
    body: [...ctx.asterisk.channels.values()].map((c) => ctx.asterisk.snapshot(c)),
  }),
  'channels.originate': originate,
  'channels.externalMedia': externalMedia,
  'channels.get': (ctx, p) => ({
    status: 200,
    body: ctx.asterisk.snapshot(ctx.asterisk.requireChannel(p['channelId']!)),
  }),
  'channels.hangup': hangup,
  'channels.continueInDialplan': continueInDialplan,
  'channels.getChannelVar': getChannelVar,
  'channels.play': play,
  'bridges.list': (ctx) => ({ status: 200, body: [...ctx.asterisk.bridges.values()].map(bridgeJson) }),
  'bridges.create': createBridge,
  'bridges.get': (ctx, p) => ({ status: 200, body: bridgeJson(requireBridge(ctx, p['bridgeId'])) }),
  'bridges.destroy': destroyBridge,
  'bridges.addChannel': addChannel,
  'playbacks.get': (ctx, p) => ({ status: 200, body: requirePlayback(ctx, p['playbackId']) }),
  'playbacks.stop': (ctx, p) => {
    ctx.asterisk.playbacks.delete(String(requirePlayback(ctx, p['playbackId'])['id']));
    return { status: 204 };
  },
  'events.eventWebsocket': () => {
    throw new AriHttpError(400, 'Use a WebSocket upgrade');
  },
};
