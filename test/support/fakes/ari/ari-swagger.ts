/**
 * The one table the fake ARI server is generated from (VOICE.md Appendix D): the swagger 1.2 resource listing and
 * API declarations that `ari-client` 2.2.0 downloads at connect time, and the route table the fake's HTTP layer
 * dispatches on. Because both come from here, a declared operation always has a route and vice versa.
 */

export type AriResourceName = 'applications' | 'asterisk' | 'bridges' | 'channels' | 'events' | 'playbacks';

export interface AriParam {
  readonly name: string;
  readonly paramType: 'path' | 'query' | 'body';
  readonly required?: boolean;
  readonly allowMultiple?: boolean;
  readonly dataType: string;
}

export interface AriOperation {
  readonly resource: AriResourceName;
  /** Path under `/ari`, with `{param}` placeholders, as swagger declares it. */
  readonly path: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly nickname: string;
  readonly responseClass: string;
  readonly params: readonly AriParam[];
}

const path = (name: string): AriParam => ({ name, paramType: 'path', required: true, dataType: 'string' });
const query = (name: string, required = false, dataType = 'string'): AriParam => ({
  name,
  paramType: 'query',
  required,
  dataType,
});
const variablesBody: AriParam = { name: 'variables', paramType: 'body', dataType: 'containers' };

export const ARI_OPERATIONS: readonly AriOperation[] = [
  {
    resource: 'applications',
    path: '/applications/{applicationName}',
    method: 'GET',
    nickname: 'get',
    responseClass: 'Application',
    params: [path('applicationName')],
  },
  {
    resource: 'asterisk',
    path: '/asterisk/info',
    method: 'GET',
    nickname: 'getInfo',
    responseClass: 'AsteriskInfo',
    params: [{ ...query('only'), allowMultiple: true }],
  },
  {
    resource: 'channels',
    path: '/channels',
    method: 'GET',
    nickname: 'list',
    responseClass: 'List[Channel]',
    params: [],
  },
  {
    resource: 'channels',
    path: '/channels',
    method: 'POST',
    nickname: 'originate',
    responseClass: 'Channel',
    params: [
      query('endpoint', true),
      query('app'),
      query('appArgs'),
      query('callerId'),
      query('timeout', false, 'int'),
      query('channelId'),
      variablesBody,
    ],
  },
  {
    resource: 'channels',
    path: '/channels/externalMedia',
    method: 'POST',
    nickname: 'externalMedia',
    responseClass: 'Channel',
    params: [
      query('channelId'),
      query('app', true),
      query('external_host', true),
      query('format', true),
      query('encapsulation'),
      query('transport'),
      query('connection_type'),
      query('direction'),
      variablesBody,
    ],
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}',
    method: 'GET',
    nickname: 'get',
    responseClass: 'Channel',
    params: [path('channelId')],
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}',
    method: 'DELETE',
    nickname: 'hangup',
    responseClass: 'void',
    params: [path('channelId'), query('reason')],
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}/continue',
    method: 'POST',
    nickname: 'continueInDialplan',
    responseClass: 'void',
    params: [path('channelId'), query('context'), query('extension'), query('priority', false, 'int')],
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}/variable',
    method: 'GET',
    nickname: 'getChannelVar',
    responseClass: 'Variable',
    params: [path('channelId'), query('variable', true)],
  },
  {
    resource: 'channels',
    path: '/channels/{channelId}/play',
    method: 'POST',
    nickname: 'play',
    responseClass: 'Playback',
    params: [path('channelId'), query('media', true), query('playbackId')],
  },
  { resource: 'bridges', path: '/bridges', method: 'GET', nickname: 'list', responseClass: 'List[Bridge]', params: [] },
  {
    resource: 'bridges',
    path: '/bridges',
    method: 'POST',
    nickname: 'create',
    responseClass: 'Bridge',
    params: [query('type'), query('bridgeId'), query('name')],
  },
  {
    resource: 'bridges',
    path: '/bridges/{bridgeId}',
    method: 'GET',
    nickname: 'get',
    responseClass: 'Bridge',
    params: [path('bridgeId')],
  },
  {
    resource: 'bridges',
    path: '/bridges/{bridgeId}',
    method: 'DELETE',
    nickname: 'destroy',
    responseClass: 'void',
    params: [path('bridgeId')],
  },
  {
    resource: 'bridges',
    path: '/bridges/{bridgeId}/addChannel',
    method: 'POST',
    nickname: 'addChannel',
    responseClass: 'void',
    params: [path('bridgeId'), { ...query('channel', true), allowMultiple: true }],
  },
  {
    resource: 'playbacks',
    path: '/playbacks/{playbackId}',
    method: 'GET',
    nickname: 'get',
    responseClass: 'Playback',
    params: [path('playbackId')],
  },
  {
    resource: 'playbacks',
    path: '/playbacks/{playbackId}',
    method: 'DELETE',
    nickname: 'stop',
    responseClass: 'void',
    params: [path('playbackId')],
  },
  {
    resource: 'events',
    path: '/events',
    method: 'GET',
    nickname: 'eventWebsocket',
    responseClass: 'Message',
    params: [query('app', true), query('subscribeAll', false, 'boolean')],
  },
];

/** Event type -> property -> swagger type. Only these types may ever be sent (an undeclared one crashes the client). */
export const EVENT_MODELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  StasisStart: { args: 'List[string]', channel: 'Channel', replace_channel: 'Channel' },
  StasisEnd: { channel: 'Channel' },
  ChannelStateChange: { channel: 'Channel' },
  ChannelHangupRequest: { cause: 'int', soft: 'boolean', channel: 'Channel' },
  ChannelDestroyed: { cause: 'int', cause_txt: 'string', channel: 'Channel' },
  ChannelEnteredBridge: { bridge: 'Bridge', channel: 'Channel' },
  ChannelLeftBridge: { bridge: 'Bridge', channel: 'Channel' },
  ChannelVarset: { variable: 'string', value: 'string', channel: 'Channel' },
  ChannelDtmfReceived: { digit: 'string', duration_ms: 'int', channel: 'Channel' },
  Dial: {
    caller: 'Channel',
    peer: 'Channel',
    forward: 'string',
    forwarded: 'Channel',
    dialstring: 'string',
    dialstatus: 'string',
  },
  BridgeCreated: { bridge: 'Bridge' },
  BridgeDestroyed: { bridge: 'Bridge' },
  PlaybackStarted: { playback: 'Playback' },
  PlaybackFinished: { playback: 'Playback' },
  ApplicationReplaced: {},
};

export const ARI_RESOURCES: readonly AriResourceName[] = [
  'applications',
  'asterisk',
  'bridges',
  'channels',
  'events',
  'playbacks',
];

const API_VERSION = '9.0.0';

export const resourceListing = (basePath: string): object => ({
  apiVersion: API_VERSION,
  swaggerVersion: '1.2',
  basePath,
  apis: ARI_RESOURCES.map((name) => ({ path: `/api-docs/${name}.{format}` })),
});

const swaggerModels = (resource: AriResourceName): Record<string, object> => {
  if (resource !== 'events') return {};
  const models: Record<string, object> = {};
  for (const [type, properties] of Object.entries(EVENT_MODELS)) {
    const props: Record<string, object> = {
      type: { type: 'string', required: true },
      application: { type: 'string', required: true },
      timestamp: { type: 'Date' },
    };
    for (const [name, dataType] of Object.entries(properties)) props[name] = { type: dataType };
    models[type] = { id: type, properties: props };
  }
  return models;
};

/** The API declaration of one resource, grouping its operations by path as swagger 1.2 wants. */
export const apiDeclaration = (resource: AriResourceName, basePath: string): object => {
  const byPath = new Map<string, AriOperation[]>();
  for (const operation of ARI_OPERATIONS.filter((o) => o.resource === resource)) {
    byPath.set(operation.path, [...(byPath.get(operation.path) ?? []), operation]);
  }
  return {
    apiVersion: API_VERSION,
    swaggerVersion: '1.2',
    basePath,
    resourcePath: `/api-docs/${resource}.{format}`,
    apis: [...byPath].map(([apiPath, operations]) => ({
      path: apiPath,
      operations: operations.map((o) => ({
        httpMethod: o.method,
        nickname: o.nickname,
        responseClass: o.responseClass,
        parameters: o.params.map((p) => ({ allowMultiple: false, required: false, ...p })),
      })),
    })),
    models: swaggerModels(resource),
  };
};

export interface MatchedRoute {
  readonly operation: AriOperation;
  readonly pathParams: Readonly<Record<string, string>>;
}

/** Finds the operation for a request path below `/ari` (literal segments win over placeholders). */
export const matchRoute = (method: string, ariPath: string): MatchedRoute | null => {
  const segments = ariPath.split('/').filter((s) => s !== '');
  let best: { route: MatchedRoute; literals: number } | null = null;
  for (const operation of ARI_OPERATIONS) {
    if (operation.method !== method) continue;
    const pattern = operation.path.split('/').filter((s) => s !== '');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const matches = pattern.every((part, i) => {
      const segment = decodeURIComponent(segments[i]);
      if (part.startsWith('{') && part.endsWith('}')) {
        params[part.slice(1, -1)] = segment;
        return true;
      }
      literals += 1;
      return part === segment;
    });
    if (matches && (best === null || literals > best.literals)) {
      best = { route: { operation, pathParams: params }, literals };
    }
  }
  return best?.route ?? null;
};
