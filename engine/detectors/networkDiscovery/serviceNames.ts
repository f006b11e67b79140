// Service names as upstream's `get_port_info("<port>/<proto>")` returns them for evidence descriptions
// ("Horizontal port scan to port http-alt 81/tcp", "ssh 22/tcp"): the name column of the shipped
// engine/data/services.csv as written. The timeline's PortNames (output/timeline/services.ts) upper-cases
// names for its own format, so it cannot give `http-alt`, `DNS` or `DoT` back; the file is the same one.
import { readFileSync } from 'node:fs';
import { dataFile } from '../../data/dataPath';

export class ServiceNames {
  /** proto → port → name */
  private readonly byProto = new Map<string, Map<number, string>>();

  /** Lines are `name,port,proto,description`; one upstream line has proto and port the other way round. */
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
      // Upstream stores the file in a Redis hash, so a later line for the same port wins.
      ports.set(Number(port), name);
    }
  }

  /** The service on `port`/`proto` (proto lower-case), or '' when the list has none, as upstream's `or ""`. */
  name(port: number, proto: string): string {
    return this.byProto.get(proto)?.get(port) ?? '';
  }
}

let shipped: ServiceNames | undefined;

/** The list shipped with the engine, read once per process. */
export function shippedServiceNames(): ServiceNames {
  shipped ??= new ServiceNames(readFileSync(dataFile('services.csv'), 'utf8'));
  return shipped;
}
