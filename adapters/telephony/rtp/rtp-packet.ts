/**
 * RTP v2 (RFC 3550) headers: what we accept from Asterisk (CSRC, extension and padding are skipped, §3.3 step 2)
 * and the fixed 12-byte header we send (§3.6). Parsing returns a view into the datagram, never a copy.
 */
export const RTP_HEADER_BYTES = 12;
export const PT_PCMU = 0;
export const PT_COMFORT_NOISE = 13;

export interface RtpPacket {
  readonly marker: boolean;
  readonly payloadType: number;
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly ssrc: number;
  /** The payload without header, CSRCs, extension or padding (a view into the datagram). */
  readonly payload: Uint8Array;
}

export type RtpParseFailure = 'short' | 'version' | 'csrc' | 'extension' | 'padding' | 'empty';

export type RtpParseResult =
  { readonly ok: true; readonly packet: RtpPacket } | { readonly ok: false; readonly reason: RtpParseFailure };

const fail = (reason: RtpParseFailure): RtpParseResult => ({ ok: false, reason });

const readUint32 = (bytes: Uint8Array, at: number): number =>
  ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;

export const parseRtp = (datagram: Uint8Array): RtpParseResult => {
  if (datagram.length < RTP_HEADER_BYTES) return fail('short');
  const first = datagram[0];
  if (first >> 6 !== 2) return fail('version');
  const hasPadding = (first & 0x20) !== 0;
  const hasExtension = (first & 0x10) !== 0;
  const csrcCount = first & 0x0f;
  let offset = RTP_HEADER_BYTES + 4 * csrcCount;
  if (offset > datagram.length) return fail('csrc');
  if (hasExtension) {
    if (offset + 4 > datagram.length) return fail('extension');
    const words = (datagram[offset + 2] << 8) | datagram[offset + 3];
    offset += 4 + 4 * words;
    if (offset > datagram.length) return fail('extension');
  }
  let end = datagram.length;
  if (hasPadding) {
    const padding = datagram[end - 1];
    // The count includes itself, so 0 is malformed, and it may not eat into the header.
    if (padding === 0 || padding > end - offset) return fail('padding');
    end -= padding;
  }
  if (end === offset) return fail('empty');
  const second = datagram[1];
  return {
    ok: true,
    packet: {
      marker: (second & 0x80) !== 0,
      payloadType: second & 0x7f,
      sequenceNumber: (datagram[2] << 8) | datagram[3],
      timestamp: readUint32(datagram, 4),
      ssrc: readUint32(datagram, 8),
      payload: datagram.subarray(offset, end),
    },
  };
};

export interface RtpHeaderFields {
  readonly marker: boolean;
  readonly payloadType: number;
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly ssrc: number;
}

/** Writes V=2, P=0, X=0, CC=0 and the given fields into the first 12 bytes of `target`. */
export const writeRtpHeader = (target: Uint8Array, fields: RtpHeaderFields): void =>
  writeRtpHeaderValues(target, fields.marker, fields.payloadType, fields.sequenceNumber, fields.timestamp, fields.ssrc);

/** The same with plain arguments: the pacer's hot path allocates nothing per packet. */
export const writeRtpHeaderValues = (
  target: Uint8Array,
  marker: boolean,
  payloadType: number,
  sequenceNumber: number,
  timestamp: number,
  ssrc: number,
): void => {
  target[0] = 0x80;
  target[1] = (marker ? 0x80 : 0) | (payloadType & 0x7f);
  target[2] = (sequenceNumber >>> 8) & 0xff;
  target[3] = sequenceNumber & 0xff;
  target[4] = (timestamp >>> 24) & 0xff;
  target[5] = (timestamp >>> 16) & 0xff;
  target[6] = (timestamp >>> 8) & 0xff;
  target[7] = timestamp & 0xff;
  target[8] = (ssrc >>> 24) & 0xff;
  target[9] = (ssrc >>> 16) & 0xff;
  target[10] = (ssrc >>> 8) & 0xff;
  target[11] = ssrc & 0xff;
};

export const serializeRtp = (fields: RtpHeaderFields, payload: Uint8Array): Uint8Array => {
  const out = new Uint8Array(RTP_HEADER_BYTES + payload.length);
  writeRtpHeader(out, fields);
  out.set(payload, RTP_HEADER_BYTES);
  return out;
};
