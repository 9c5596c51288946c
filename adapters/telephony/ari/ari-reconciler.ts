import type { AriCall } from './ari-call';
import type { CallContext } from './ari-call-context';
import { declareAnswered, loseCall } from './ari-call-signals';
import { carriesOurPrefix } from './ari-ids';
import { setUpMedia } from './ari-media-setup';
import type { AriBridgeSnapshot, AriChannelSnapshot } from './ari-rest';

export interface ReconcileContext extends CallContext {
  activeCalls(): readonly AriCall[];
  /** The call an object belongs to (registry, then `BIANCA_CALL_ID`), or an ended call's tombstone. */
  knows(id: string, vars: Readonly<Record<string, string>>): boolean;
}

export interface ReconcileReport {
  readonly missedHangups: number;
  readonly missedAnswers: number;
  readonly orphans: number;
}

/**
 * The adapter's part of reconciliation (VOICE.md §7.1), after start-up and every reconnection: calls whose leg
 * Asterisk no longer holds are lost, answers missed while disconnected are taken up, and our channels and bridges
 * that belong to no call (older than the orphan age) are removed.
 */
export const reconcileCalls = async (ctx: ReconcileContext, restarted: boolean): Promise<ReconcileReport> => {
  const channels = await ctx.requests.read('channels.list', (rest) => rest.listChannels());
  const bridges = await ctx.requests.read('bridges.list', (rest) => rest.listBridges());
  const channelById = new Map(channels.map((c) => [c.id, c]));
  const bridgeIds = new Set(bridges.map((b) => b.id));
  let missedHangups = 0;
  let missedAnswers = 0;

  for (const call of ctx.activeCalls()) {
    if (!call.accepted || call.finished) continue;
    const pstn = restarted ? undefined : channelById.get(call.ids.pstn);
    if (pstn === undefined) {
      missedHangups += 1;
      loseCall(ctx, call);
    } else if (!call.answered && pstn.state === 'Up') {
      // Answered while we were away; still in the AMD context means its StasisStart is yet to come.
      if (pstn.appName !== 'Stasis') continue;
      missedAnswers += 1;
      call.continuing = false;
      call.disarm('amdGuard');
      declareAnswered(ctx, call, 'unknown');
      setUpMedia(ctx, call);
    } else if (call.phase === 'live' && (!channelById.has(call.ids.media) || !bridgeIds.has(call.ids.bridge))) {
      missedHangups += 1;
      loseCall(ctx, call);
    }
  }

  const orphans = await removeOrphans(ctx, channels, bridges, ctx.settings.orphanMinAgeMs);
  const report = { missedHangups, missedAnswers, orphans };
  ctx.logger.info({ ...report, restarted, app: ctx.settings.app }, 'ARI reconciliation done');
  return report;
};

/** Ours: carries our app (when `ari.conf` lists `BIANCA_APP`), else our call-id variable or id prefix. */
const isOurs = (app: string, channel: AriChannelSnapshot): boolean => {
  const owner = channel.vars['BIANCA_APP'];
  if (owner !== undefined) return owner === app;
  return channel.vars['BIANCA_CALL_ID'] !== undefined || carriesOurPrefix(channel.id);
};

/**
 * The periodic audit of Asterisk objects (VOICE.md §7.8): ours, belonging to no call, older than `minAgeMs` (which
 * also catches an object a timed-out request created after its call had ended). Returns how many it removed.
 */
export const auditOrphans = async (ctx: ReconcileContext, minAgeMs: number): Promise<number> => {
  const channels = await ctx.requests.read('channels.list', (rest) => rest.listChannels());
  const bridges = await ctx.requests.read('bridges.list', (rest) => rest.listBridges());
  return removeOrphans(ctx, channels, bridges, minAgeMs);
};

const removeOrphans = async (
  ctx: ReconcileContext,
  channels: readonly AriChannelSnapshot[],
  bridges: readonly AriBridgeSnapshot[],
  minAgeMs: number,
): Promise<number> => {
  const channelById = new Map(channels.map((c) => [c.id, c]));
  const oldEnough = (creationtime: string | null): boolean => {
    const created = creationtime === null ? Number.NaN : Date.parse(creationtime);
    return Number.isNaN(created) || ctx.now().getTime() - created >= minAgeMs;
  };
  const removals: Array<Promise<void>> = [];
  const remove = (what: string, action: () => Promise<void>): void => {
    removals.push(
      action().catch((error: unknown) => ctx.logger.warn({ what, error: String(error) }, 'orphan removal failed')),
    );
  };
  for (const channel of channels) {
    if (!isOurs(ctx.settings.app, channel) || ctx.knows(channel.id, channel.vars) || !oldEnough(channel.creationtime))
      continue;
    remove('channel', () => ctx.requests.once('channels.hangup', (rest) => rest.hangupChannel(channel.id)));
  }
  for (const bridge of bridges) {
    if (!carriesOurPrefix(bridge.id) || ctx.knows(bridge.id, {}) || !oldEnough(bridge.creationtime)) continue;
    // A member that is not ours means another process uses the id prefix: leave its bridge alone.
    const foreign = bridge.channels.some((id) => {
      const member = channelById.get(id);
      return member !== undefined && !isOurs(ctx.settings.app, member);
    });
    if (!foreign) remove('bridge', () => ctx.requests.once('bridges.destroy', (rest) => rest.destroyBridge(bridge.id)));
  }
  await Promise.all(removals);
  return removals.length;
};
