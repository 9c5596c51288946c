import type { FakeMediaEndpoint } from './fake-media-endpoint';

/** What the fake keeps per channel and bridge, and the JSON shapes Asterisk 22 would send for them. */

export type ChannelState = 'Down' | 'Ringing' | 'Up';
export type ChannelRole = 'pstn' | 'media';

export interface FakeChannel {
  readonly id: string;
  readonly name: string;
  readonly role: ChannelRole;
  readonly app: string;
  readonly createdAt: Date;
  readonly variables: Map<string, string>;
  readonly endpoint: string | null;
  readonly appArgs: readonly string[];
  /** The originate `timeout` in seconds (the fake's no-answer scenario waits for it). */
  readonly ringTimeoutS: number;
  state: ChannelState;
  inStasis: boolean;
  dialplan: { context: string; exten: string; priority: number; app_name: string; app_data: string };
  bridgeId: string | null;
  media: FakeMediaEndpoint | null;
  /** `external_host` of a media channel: where its endpoint sends the callee's audio. */
  externalHost: string | null;
}

export interface FakeBridge {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly createdAt: Date;
  readonly channels: string[];
  /** Apps whose channels were ever members: they receive the bridge's events. */
  readonly apps: Set<string>;
}

/** An error the fake answers with Asterisk's JSON body `{"message": ...}` and wording. */
export class AriHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AriHttpError';
  }
}

export const CHANNEL_NOT_FOUND = 'Channel not found';
export const BRIDGE_NOT_FOUND = 'Bridge not found';
export const PLAYBACK_NOT_FOUND = 'Playback not found';
export const NOT_IN_STASIS = 'Channel not in Stasis application';
export const CHANNEL_EXISTS = 'Channel with given unique ID already exists';
export const BRIDGE_EXISTS = 'Bridge with this ID already exists';

/** Q.850 cause texts as Asterisk's `cause_txt` spells them. */
export const CAUSE_TEXT: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'Unallocated (unassigned) number',
  3: 'No route to destination',
  16: 'Normal Clearing',
  17: 'User busy',
  18: 'No user responding',
  19: 'User alerting, no answer',
  21: 'Call Rejected',
  27: 'Destination out of order',
  34: 'Circuit/channel congestion',
  38: 'Network out of order',
};

const asteriskTime = (date: Date): string => date.toISOString().replace('Z', '+0000');

export const timestamp = (): string => asteriskTime(new Date());

export const channelJson = (
  channel: FakeChannel,
  channelvars: readonly string[],
  extraVars: readonly string[] = [],
): Record<string, unknown> => {
  const vars: Record<string, string> = {};
  for (const name of [...channelvars, ...extraVars]) {
    const value = channel.variables.get(name);
    if (value !== undefined) vars[name] = value;
  }
  const number = channel.endpoint?.split('/')[1]?.split('@')[0] ?? '';
  return {
    id: channel.id,
    name: channel.name,
    state: channel.state,
    protocol_id: '',
    caller: { name: '', number: channel.variables.get('CALLERID(num)') ?? '' },
    connected: { name: '', number },
    accountcode: '',
    dialplan: { ...channel.dialplan },
    creationtime: asteriskTime(channel.createdAt),
    language: 'en',
    ...(Object.keys(vars).length > 0 ? { channelvars: vars } : {}),
  };
};

export const bridgeJson = (bridge: FakeBridge): Record<string, unknown> => ({
  id: bridge.id,
  technology: 'simple_bridge',
  bridge_type: bridge.type,
  bridge_class: 'stasis',
  creator: 'Stasis',
  name: bridge.name,
  channels: [...bridge.channels],
  creationtime: asteriskTime(bridge.createdAt),
  video_mode: 'none',
});

export const stasisDialplan = (app: string, args: readonly string[]): FakeChannel['dialplan'] => ({
  context: 'default',
  exten: 's',
  priority: 1,
  app_name: 'Stasis',
  app_data: [app, ...args].join(','),
});
