// The network-layer facts of the packet being processed, filled in place by the decoder and read by the
// connection tracker: one reused object, so the per-packet path allocates nothing.

export class PacketView {
  ts = 0;
  packetNo = 0;
  buf: Buffer = Buffer.alloc(0);
  v6 = false;
  // Source and destination addresses (IPv4 in word 0, other words 0).
  s0 = 0;
  s1 = 0;
  s2 = 0;
  s3 = 0;
  d0 = 0;
  d1 = 0;
  d2 = 0;
  d3 = 0;
  ipProto = 0;
  /** IP bytes as the header says (conn.log's *_ip_bytes). */
  ipLen = 0;
  /** Offset of the transport header. */
  l4 = 0;
  /** Transport length (header + payload) according to the IP header. */
  l4Len = 0;
  /** End of the captured bytes of this IP packet (never past the IP length: Ethernet padding is cut). */
  capEnd = 0;
  /** Buffer and offset of the Ethernet header that carried the packet, for MAC addresses (-1 = none). */
  ethBuf: Buffer = this.buf;
  ethOff = -1;
  /** uid of the tunnel the packet came out of ('' = not tunnelled). */
  tunnel = '';
}
