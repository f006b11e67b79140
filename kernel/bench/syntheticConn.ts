// Deterministic synthetic connections for the query bench and the scale test: a fixed pseudo-random
// sequence (no Math.random), so both always see the same million flows and their expected counts can
// be computed independently of the query code.
import type { ConnRecord } from '../../engine/flow';

/** Park–Miller minimal standard generator: small, deterministic, good enough to spread values. */
export function lcg(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

const PORTS = [443, 80, 53, 22, 8080, 123, 25, 3389];
const PROTOS = ['tcp', 'tcp', 'tcp', 'udp'];
const STATES = ['SF', 'S0', 'REJ', 'SF', 'SF', 'RSTO'];

/** Row `i` of the synthetic set: 500 sources in 192.168.0.0/16, 20,000 destinations half in 10.0.0.0/8. */
export function* syntheticConns(count: number, seed = 1): Generator<ConnRecord> {
  const rnd = lcg(seed);
  const t0 = 1_700_000_000;
  for (let i = 0; i < count; i++) {
    const src = Math.floor(rnd() * 500);
    const dst = Math.floor(rnd() * 20_000);
    const daddr = dst < 10_000 ? `10.${dst >> 8}.${dst & 255}.1` : `93.${(dst - 10_000) >> 8}.${dst & 255}.7`;
    const sbytes = Math.floor(rnd() * 5000);
    yield {
      kind: 'conn',
      source: 'zeek',
      ts: t0 + i * 0.01,
      uid: `C${i.toString(36)}`,
      saddr: `192.168.${src >> 8}.${src & 255}`,
      sport: 1024 + Math.floor(rnd() * 60000),
      daddr,
      dport: PORTS[Math.floor(rnd() * PORTS.length)]!,
      proto: PROTOS[i % PROTOS.length]!,
      dur: rnd() * 10,
      appproto: '',
      sbytes,
      dbytes: Math.floor(rnd() * 20000),
      spkts: 1 + (sbytes >> 9),
      dpkts: 1,
      state: STATES[i % STATES.length]!,
      history: 'ShADad',
      smac: '',
      dmac: '',
      dir: '->',
      origin: { file: 'synthetic', line: i + 1 },
    };
  }
}
