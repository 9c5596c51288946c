import { toChannelSnapshot, type AriChannelSnapshot } from './ari-rest';

/** The parts of an ARI event this adapter reads (VOICE.md §2.5), checked field by field from the raw JSON. */
export interface AriEvent {
  readonly type: string;
  readonly channel: AriChannelSnapshot | null;
  /** `Dial` names the dialled channel `peer`. */
  readonly peer: AriChannelSnapshot | null;
  readonly bridgeId: string | null;
  readonly playbackId: string | null;
  readonly args: readonly string[];
  readonly cause: number | null;
  readonly causeText: string | null;
  readonly dialStatus: string | null;
  readonly digit: string | null;
}

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const idOf = (value: unknown): string | null => text(record(value)?.['id']);

export const parseAriEvent = (raw: unknown): AriEvent | null => {
  const event = record(raw);
  const type = text(event?.['type']);
  if (event === null || type === null) return null;
  const channel = record(event['channel']);
  const peer = record(event['peer']);
  const args = event['args'];
  const cause = event['cause'];
  return {
    type,
    channel: channel === null ? null : toChannelSnapshot(channel),
    peer: peer === null ? null : toChannelSnapshot(peer),
    bridgeId: idOf(event['bridge']),
    playbackId: idOf(event['playback']),
    args: Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : [],
    cause: typeof cause === 'number' && Number.isInteger(cause) ? cause : null,
    causeText: text(event['cause_txt']),
    dialStatus: text(event['dialstatus']),
    digit: text(event['digit']),
  };
};

/** The object an event is about, for the registry lookup: the channel, else the dialled peer, bridge, playback. */
export const subjectOf = (
  event: AriEvent,
): { readonly id: string; readonly snapshot: AriChannelSnapshot | null } | null => {
  const snapshot = event.channel ?? event.peer;
  if (snapshot !== null && snapshot.id !== '') return { id: snapshot.id, snapshot };
  const id = event.bridgeId ?? event.playbackId;
  return id === null ? null : { id, snapshot: null };
};
