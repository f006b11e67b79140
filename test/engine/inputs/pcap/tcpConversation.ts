// A whole TCP conversation for analyzer tests: handshake, the given segments (each acknowledged, in the
// order asked), and a FIN exchange, between 10.0.0.1:40000 and 10.0.0.2:<port>.
import { ACK, ethernet, FIN, ipv4, PSH, SYN, tcp, type Pkt } from './pcapBuilder';

const T0 = 1600000000;
const eth = (ip: Buffer) => ethernet(0x0800, ip);

/** A TCP connection: handshake, then each [fromClient, bytes] segment acknowledged, then FINs. */
export function session(port: number, segs: [boolean, Buffer][], order?: number[]): Pkt[] {
  const C = '10.0.0.1';
  const S = '10.0.0.2';
  let cs = 1000;
  let ss = 5000;
  let t = T0;
  const pkts: Pkt[] = [];
  const c2s = (flags: number, data = Buffer.alloc(0)) =>
    pkts.push({ ts: (t += 0.001), data: eth(ipv4(C, S, 6, tcp(40000, port, flags, cs, ss + 1, data))) });
  const s2c = (flags: number, data = Buffer.alloc(0)) =>
    pkts.push({ ts: (t += 0.001), data: eth(ipv4(S, C, 6, tcp(port, 40000, flags, ss, cs + 1, data))) });
  pkts.push({ ts: (t += 0.001), data: eth(ipv4(C, S, 6, tcp(40000, port, SYN, cs - 1, 0))) });
  pkts.push({ ts: (t += 0.001), data: eth(ipv4(S, C, 6, tcp(port, 40000, SYN | ACK, ss - 1, cs))) });
  c2s(ACK);
  const data: Pkt[] = [];
  for (const [fromClient, bytes] of segs) {
    const before = pkts.length;
    if (fromClient) {
      pkts.push({ ts: 0, data: eth(ipv4(C, S, 6, tcp(40000, port, ACK | PSH, cs, ss, bytes))) });
      cs += bytes.length;
    } else {
      pkts.push({ ts: 0, data: eth(ipv4(S, C, 6, tcp(port, 40000, ACK | PSH, ss, cs, bytes))) });
      ss += bytes.length;
    }
    data.push(...pkts.splice(before));
  }
  for (const i of order ?? data.map((_, i) => i)) pkts.push({ ...data[i]!, ts: (t += 0.001) });
  c2s(FIN | ACK);
  s2c(FIN | ACK);
  cs++;
  ss++;
  c2s(ACK);
  return pkts;
}
