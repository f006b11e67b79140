// Port names for the timeline from Slips' services list (engine/data/services.csv): `<port>/<proto>` →
// upper-cased service name, as upstream's `portinfo` hash.
import { readFileSync } from 'node:fs';
import { dataFile } from '../../data/dataPath';

export class PortNames {
  /** proto → port → name: looked up once per flow, so no key string is built. */
  private readonly byProto = new Map<string, Map<number, string>>();
  size = 0;

  /** Lines are `name,port,proto,description`; the description may hold commas. */
  constructor(csv: string) {
    for (const line of csv.split(/\r?\n/)) {
      const parts = line.split(',');
      if (parts.length < 3) continue;
      const [name, a, b] = parts as [string, string, string];
      // One upstream line has proto and port the other way round (`airport discovery,udp,192,...`).
      const [port, proto] = /^\d+$/.test(a.trim()) ? [a, b] : [b, a];
      if (!/^\d+$/.test(port.trim()) || !name.trim()) continue;
      const p = proto.trim().toLowerCase();
      let ports = this.byProto.get(p);
      if (!ports) {
        ports = new Map();
        this.byProto.set(p, ports);
      }
      if (ports.has(Number(port))) continue;
      ports.set(Number(port), name.trim().toUpperCase());
      this.size++;
    }
  }

  name(port: number, proto: string): string | undefined {
    return this.byProto.get(proto)?.get(port);
  }
}

let shipped: PortNames | undefined;

/** The list shipped with the engine, read once per process. */
export function shippedPortNames(): PortNames {
  shipped ??= new PortNames(readFileSync(dataFile('services.csv'), 'utf8'));
  return shipped;
}
