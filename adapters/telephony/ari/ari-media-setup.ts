import type { RtpLeg } from '../rtp/rtp-media-factory';
import type { AriCall } from './ari-call';
import type { CallContext } from './ari-call-context';
import { loseCall } from './ari-call-signals';
import { AriRequestError, isKind, isTransportFailure } from './ari-errors';
import type { AriChannelSnapshot } from './ari-rest';

/**
 * The answered call's media (VOICE.md §2.3, §2.7 step 3-4): an RTP leg and a mixing bridge in parallel, then the
 * externalMedia channel pointed at the leg, the leg pinned to Asterisk's reported RTP address, both channels into
 * the bridge, and `mediaReady`. Each step is retried once, with a probe first where a blind retry could duplicate
 * (§7.2). A failure ends the call at once, after Asterisk has played the apology.
 */
export const setUpMedia = (ctx: CallContext, call: AriCall): void => {
  if (call.finished || call.phase === 'settingUp' || call.phase === 'live') return;
  call.phase = 'settingUp';
  void call.enqueue(async () => {
    try {
      await establish(ctx, call);
    } catch (error) {
      await fail(ctx, call, error);
    }
  });
};

const establish = async (ctx: CallContext, call: AriCall): Promise<void> => {
  const { media, bridge } = call.ids;
  ctx.register(media, call);
  ctx.register(bridge, call);
  call.bridgeRequested = true;
  const [leg, created] = await Promise.allSettled([ctx.media.open(call.callId), createBridge(ctx, call)]);
  if (leg.status === 'fulfilled') call.leg = leg.value;
  if (call.finished) return;
  if (leg.status === 'rejected') throw new AriRequestError('AriError', 'rtp.open', String(leg.reason));
  if (created.status === 'rejected') throw created.reason;

  const advertised = ctx.settings.rtpAdvertiseAddress ?? leg.value.localAddress;
  call.mediaRequested = true;
  const channel = await createExternalMedia(ctx, call, `${advertised}:${leg.value.localPort}`);
  if (call.finished) return;
  await pinRemote(ctx, call, channel, leg.value);
  await addToBridge(ctx, call);
  if (call.finished) return;
  call.phase = 'live';
  ctx.emit(call, { type: 'mediaReady', callId: call.callId, media: leg.value.stream, at: ctx.now() });
};

/** Runs `create`; on an uncertain failure asks whether the object exists before trying once more. */
const createOnce = async <T>(create: () => Promise<T>, probe: () => Promise<T>): Promise<T> => {
  try {
    return await create();
  } catch (error) {
    if (isKind(error, 'Conflict')) return probe();
    if (!isTransportFailure(error)) throw error;
  }
  try {
    return await probe();
  } catch (error) {
    if (!isKind(error, 'NotFound')) throw error;
  }
  try {
    return await create();
  } catch (error) {
    if (isKind(error, 'Conflict')) return probe();
    throw error;
  }
};

const createBridge = (ctx: CallContext, call: AriCall): Promise<unknown> =>
  createOnce(
    () => ctx.requests.once('bridges.create', (rest) => rest.createBridge(call.ids.bridge)),
    () => ctx.requests.read('bridges.get', (rest) => rest.getBridge(call.ids.bridge)),
  );

const createExternalMedia = (ctx: CallContext, call: AriCall, externalHost: string): Promise<AriChannelSnapshot> =>
  createOnce(
    () =>
      ctx.requests.once('channels.externalMedia', (rest) =>
        rest.externalMedia({
          channelId: call.ids.media,
          app: ctx.settings.app,
          externalHost,
          variables: { BIANCA_CALL_ID: call.callId, BIANCA_ROLE: 'media', BIANCA_APP: ctx.settings.app },
        }),
      ),
    () => ctx.requests.read('channels.get', (rest) => rest.getChannel(call.ids.media)),
  );

/** Points the leg at Asterisk's end of the media channel, read from the snapshot or asked for. */
const pinRemote = async (ctx: CallContext, call: AriCall, channel: AriChannelSnapshot, leg: RtpLeg): Promise<void> => {
  const variable = (name: string): Promise<string> => {
    const known = channel.vars[name];
    if (known !== undefined) return Promise.resolve(known);
    return ctx.requests.read('channels.getChannelVar', (rest) => rest.getChannelVar(call.ids.media, name));
  };
  const address = await variable('UNICASTRTP_LOCAL_ADDRESS');
  const port = Number(await variable('UNICASTRTP_LOCAL_PORT'));
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new AriRequestError('AriError', 'channels.getChannelVar', 'no usable UNICASTRTP_LOCAL_PORT');
  }
  leg.setRemote(ctx.settings.asteriskMediaAddress ?? address, port);
};

const addToBridge = async (ctx: CallContext, call: AriCall): Promise<void> => {
  const { pstn, media, bridge } = call.ids;
  const add = (): Promise<void> =>
    ctx.requests.once('bridges.addChannel', (rest) => rest.addChannels(bridge, [pstn, media]));
  try {
    return await add();
  } catch (error) {
    if (!isTransportFailure(error)) throw error;
  }
  const snapshot = await ctx.requests.read('bridges.get', (rest) => rest.getBridge(bridge));
  if (snapshot.channels.includes(pstn) && snapshot.channels.includes(media)) return;
  await add();
};

/** Media could not be set up: the apology is played by Asterisk, then the call ends (`legLost`) and is cleaned. */
const fail = async (ctx: CallContext, call: AriCall, error: unknown): Promise<void> => {
  if (call.finished) return;
  ctx.logger.warn({ callId: call.callId, error: String(error) }, 'media set-up failed; ending the call');
  try {
    const played = new Promise<void>((resolve) => {
      call.apologyPlayed = resolve;
      call.arm(ctx.timers, 'apology', ctx.settings.apologyGuardMs, resolve);
    });
    ctx.register(call.ids.apology, call);
    await ctx.requests.once('channels.play', (rest) =>
      rest.play(call.ids.pstn, `sound:bianca/apology-${call.language}`, call.ids.apology),
    );
    await played;
  } catch {
    // No apology possible (the channel left Stasis or Asterisk is unreachable): hang up without it.
  } finally {
    call.disarm('apology');
    call.apologyPlayed = null;
  }
  loseCall(ctx, call);
};
