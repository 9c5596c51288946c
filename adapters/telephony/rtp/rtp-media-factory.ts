import type { MediaStream } from '../../../application/ports/media-stream';

/**
 * The seam between the ARI adapter (signalling) and the RTP adapter (media): ARI asks for a leg before it
 * creates the externalMedia channel, points Asterisk at `localAddress:localPort`, and releases the leg in its
 * cleanup saga. Releasing is idempotent and returns the port to the pool.
 */
export interface RtpLeg {
  readonly callId: string;
  readonly localAddress: string;
  readonly localPort: number;
  readonly stream: MediaStream;
  /** Pins the expected remote endpoint (from the externalMedia channel's UNICASTRTP_LOCAL_* variables). Until
   * set, the first packet's source is learned and every other source is dropped. */
  setRemote(address: string, port: number): void;
  release(): void;
}

export interface RtpMediaFactory {
  open(callId: string): Promise<RtpLeg>;
  /** Legs not yet released: what the leak audit compares with the active calls. */
  activeLegs(): readonly string[];
  close(): Promise<void>;
}
