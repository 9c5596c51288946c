import { type Socket, createSocket } from 'node:dgram';
import { tone } from '../../../../adapters/audio/synthetic-voice';
import { RtpBindError, RtpFactoryClosedError } from '../../../../adapters/telephony/rtp/dgram-rtp-media-factory';
import { RtpLeaseConflictError, RtpPortsExhaustedError } from '../../../../adapters/telephony/rtp/port-pool';
import type { RandomSource } from '../../../../application/ports/random-source';
import { RtpPeer } from '../../../support/fakes/rtp-peer/rtp-peer';
import { SeededRandomSource, eventually, makeFactory, timerHandles, udpHandles } from './rtp-test-kit';

const bindOn = (port: number): Promise<Socket | null> =>
  new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(null);
    });
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });

const closeSocket = (socket: Socket): Promise<void> => new Promise((resolve) => socket.close(() => resolve()));

/** Two consecutive even ports that are free right now. */
const freeEvenPorts = async (): Promise<number> => {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = 42000 + 2 * Math.floor(Math.random() * 8000);
    const sockets = await Promise.all([bindOn(base), bindOn(base + 2)]);
    await Promise.all(sockets.map((socket) => (socket === null ? Promise.resolve() : closeSocket(socket))));
    if (sockets.every((socket) => socket !== null)) return base;
  }
  throw new Error('no free ports found');
};

/** Always the lowest free port. */
const zeroRandom: RandomSource = Object.assign(new SeededRandomSource(1), {
  bytes: (length: number) => new Uint8Array(length),
});

describe('DgramRtpMediaFactory', () => {
  it('binds on the leased port and gets the same port again once the leg is released', async () => {
    const base = await freeEvenPorts();
    const { factory } = makeFactory({ portRange: { kind: 'range', min: base, max: base + 1 }, portCoolDownMs: 0 });
    const first = await factory.open('call-1');
    expect(first.localPort).toBe(base);
    expect(factory.leasedPorts()).toEqual([{ callId: 'call-1', port: base }]);
    await expect(factory.open('call-2')).rejects.toBeInstanceOf(RtpPortsExhaustedError);
    first.release();
    const second = await factory.open('call-2');
    expect(second.localPort).toBe(base);
    await factory.close();
  });

  it('keeps a released port cooling down before it is leased again', async () => {
    const base = await freeEvenPorts();
    const { factory } = makeFactory({ portRange: { kind: 'range', min: base, max: base + 1 }, portCoolDownMs: 60_000 });
    (await factory.open('call-1')).release();
    await expect(factory.open('call-2')).rejects.toBeInstanceOf(RtpPortsExhaustedError);
    await factory.close();
  });

  it('moves on to another port when one is taken by someone else', async () => {
    const base = await freeEvenPorts();
    const squatter = await bindOn(base);
    const { factory } = makeFactory(
      { portRange: { kind: 'range', min: base, max: base + 3 }, portCoolDownMs: 0 },
      zeroRandom,
    );
    try {
      const leg = await factory.open('call-1');
      expect(leg.localPort).toBe(base + 2);
    } finally {
      await factory.close();
      if (squatter !== null) await closeSocket(squatter);
    }
  });

  it('reports a bind failure as a typed error and leaves nothing leased', async () => {
    const { factory } = makeFactory({ bindAddress: '192.0.2.1' });
    await expect(factory.open('call-1')).rejects.toBeInstanceOf(RtpBindError);
    expect(factory.activeLegs()).toEqual([]);
    expect(factory.leasedPorts()).toEqual([]);
    await factory.close();
    expect(factory.openSocketCount()).toBe(0);
  });

  it('refuses a second leg for the same call and any leg once closed', async () => {
    const { factory } = makeFactory();
    await factory.open('call-1');
    await expect(factory.open('call-1')).rejects.toBeInstanceOf(RtpLeaseConflictError);
    await factory.close();
    await expect(factory.open('call-2')).rejects.toBeInstanceOf(RtpFactoryClosedError);
  });

  it('gives every stream its own random SSRC', async () => {
    const { factory } = makeFactory();
    const legs = await Promise.all(['a', 'b', 'c'].map((callId) => factory.open(callId)));
    const ssrcs = new Set(legs.map((leg) => (leg.stream as unknown as { origin(): { ssrc: number } }).origin().ssrc));
    expect(ssrcs.size).toBe(3);
    await factory.close();
  });

  it('warns once when the kernel caps the socket buffers', async () => {
    const { factory, logger } = makeFactory({ socketBufferBytes: 1024 * 1024 * 1024 });
    await factory.open('a');
    await factory.open('b');
    expect(logger.entries.filter((entry) => entry.level === 'warn')).toHaveLength(1);
    await factory.close();
  });

  it('1,000 open/close cycles, some failing, leave no leg, socket, lease, pacer stream or timer behind', async () => {
    // Handles of earlier tests finish closing on the next loop turns; settle before taking the baseline.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const peer = await RtpPeer.start({ keepPackets: false });
    const udpBaseline = udpHandles();
    const timerBaseline = timerHandles();
    const { factory, pacer } = makeFactory();
    const audio = tone({ frequencyHz: 400, durationMs: 60 });
    let failures = 0;
    for (let i = 0; i < 1000; i += 1) {
      const callId = `call-${i}`;
      const leg = await factory.open(callId);
      try {
        switch (i % 5) {
          case 0:
            leg.setRemote(peer.address, peer.port);
            leg.stream.write(`item-${i}`, audio);
            leg.stream.attach({
              onFrame: () => {
                throw new Error('consumer bug');
              },
            });
            break;
          case 1:
            leg.setRemote('not-an-ip', 1);
            break;
          case 2:
            await factory.open(callId);
            break;
          case 3:
            leg.setRemote(peer.address, peer.port);
            leg.release();
            break;
          default:
            leg.stream.endOfItem('nothing');
        }
      } catch {
        failures += 1;
      } finally {
        leg.release();
      }
      if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(failures).toBe(400);
    expect(factory.activeLegs()).toEqual([]);
    expect(factory.leasedPorts()).toEqual([]);
    expect(pacer.streamCount()).toBe(0);
    expect(pacer.isArmed()).toBe(false);
    await factory.whenSocketsClosed();
    expect(factory.openSocketCount()).toBe(0);
    await peer.close();
    expect(await eventually(() => udpHandles() <= udpBaseline - 2)).toBe(true);
    expect(await eventually(() => timerHandles() <= timerBaseline)).toBe(true);
    await factory.close();
  });
});
