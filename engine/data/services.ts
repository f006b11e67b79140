// Slips' services list (engine/data/services.csv: `name,port,proto,description`), read once per process:
// evidence descriptions use the names as written ("http-alt 81/tcp", upstream's get_port_info), the
// timeline upper-cases them (upstream's `portinfo`). Both are kept so neither path builds strings per flow.
import { readFileSync } from 'node:fs';
import { dataFile } from './dataPath';

export class ServiceNames {
  /** proto → port → [name as written, upper-cased name] */
  private readonly byProto = new Map<string, Map<number, [string, string]>>();
  size = 0;

  /** The description may hold commas; one upstream line has proto and port the other way round. */
  constructor(csv: string) {
    for (const line of csv.split(/\r?\n/)) {
      const parts = line.split(',');
      if (parts.length < 3) continue;
      const name = parts[0]!.trim();
      const a = parts[1]!.trim();
      const b = parts[2]!.trim();
      const [port, proto] = /^\d+$/.test(a) ? [a, b] : [b, a];
      if (!name || !/^\d+$/.test(port)) continue;
      const p = proto.toLowerCase();
      let ports = this.byProto.get(p);
      if (!ports) {
        ports = new Map();
        this.byProto.set(p, ports);
      }
      if (!ports.has(Number(port))) this.size++;
      // Upstream stores the file in a Redis hash, so a later line for the same port wins.
      ports.set(Number(port), [name, name.toUpperCase()]);
    }
  }

  /** The service on `port`/`proto` (proto lower-case) as written, or undefined when the list has none. */
  name(port: number, proto: string): string | undefined {
    return this.byProto.get(proto)?.get(port)?.[0];
  }

  /** The same, upper-cased, as the timeline shows it. */
  upperName(port: number, proto: string): string | undefined {
    return this.byProto.get(proto)?.get(port)?.[1];
  }
}

let shipped: ServiceNames | undefined;

/** The list shipped with the engine, read once per process. */
export function shippedServiceNames(): ServiceNames {
  shipped ??= new ServiceNames(readFileSync(dataFile('services.csv'), 'utf8'));
  return shipped;
}
