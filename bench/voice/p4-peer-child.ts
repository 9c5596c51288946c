/**
 * The RTP peers of bench/voice/p4-concurrent-calls.ts, in their own process (forked with an IPC channel), so that
 * they do not compete with the system under test for its event loop. Run directly, it does nothing.
 *
 * Protocol: {type:'start', targets, record?} -> {type:'ready', body: peer endpoints}; {type:'play', durationMs} -> every peer
 * streams synthetic speech to its target at 50 packets/s (starts staggered over one frame), then
 * {type:'done', body: PeerReport[]} once the tail has arrived; {type:'arrivals'} -> {type:'arrivals', body:
 * PeerArrivals[]} (recording peers); {type:'exit'} closes the peers and exits.
 */
import { syntheticVoice } from '../../adapters/audio/synthetic-voice';
import { RtpPeer } from '../../test/support/fakes/rtp-peer/rtp-peer';

export interface PeerReport {
  readonly sent: number;
  readonly received: number;
  /** Outbound packets (ours) the peer never saw: forward sequence gaps. */
  readonly missing: number;
}

/** What a receive-only peer recorded (bench/voice/p6-pacer.ts): arrival times and RTP timestamps. */
export interface PeerArrivals {
  readonly arrivalsMs: readonly number[];
  readonly timestamps: readonly number[];
}

type Command =
  | {
      readonly type: 'start';
      readonly targets: readonly { address: string; port: number }[];
      /** Keep every packet's arrival time and timestamp (for `arrivals`). */
      readonly record?: boolean;
    }
  | { readonly type: 'arrivals' }
  | { readonly type: 'play'; readonly durationMs: number }
  | { readonly type: 'exit' };

export const runPeerChild = (): void => {
  const send = process.send?.bind(process);
  if (send === undefined) {
    console.log('p4-peer-child: helper of p4-concurrent-calls.ts, nothing to do on its own.');
    return;
  }
  let peers: RtpPeer[] = [];
  process.on('message', (command: Command) => {
    void (async () => {
      if (command.type === 'start') {
        const record = command.record === true;
        peers = await Promise.all(
          command.targets.map(() => RtpPeer.start({ keepPackets: record, keepPayloads: false })),
        );
        peers.forEach((peer, i) => peer.sendTo(command.targets[i]));
        send({ type: 'ready', body: peers.map((peer) => ({ address: peer.address, port: peer.port })) });
      } else if (command.type === 'play') {
        const audio = syntheticVoice({ durationMs: command.durationMs, seed: 5 });
        const plays = peers.map(
          (peer, i) =>
            new Promise<number>((resolve) =>
              setTimeout(() => void peer.play({ audio, ssrc: 1000 + i }).done.then((r) => resolve(r.sent)), i % 20),
            ),
        );
        const sent = await Promise.all(plays);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const body: PeerReport[] = peers.map((peer, i) => ({
          sent: sent[i],
          received: peer.tally.received,
          missing: peer.tally.missing,
        }));
        send({ type: 'done', body });
      } else if (command.type === 'arrivals') {
        const body: PeerArrivals[] = peers.map((peer) => ({
          arrivalsMs: peer.received().map((packet) => packet.arrivalMs),
          timestamps: peer.received().map((packet) => packet.timestamp),
        }));
        send({ type: 'arrivals', body });
      } else {
        await Promise.all(peers.map((peer) => peer.close()));
        process.exit(0);
      }
    })();
  });
};

runPeerChild();
