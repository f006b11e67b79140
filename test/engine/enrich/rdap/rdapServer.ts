// A local stand-in for an RDAP service (RFC 9083, as https://rdap.org and the registries answer):
// GET /domain/{name} → application/rdap+json with `events` (registration, expiration, last update);
// an unknown domain → 404 with an RDAP error body. `failWith` makes every answer that status.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class RdapServer {
  /** Registration date (ISO) by domain. */
  readonly domains = new Map<string, string>();
  readonly requests: string[] = [];
  failWith: number | undefined;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/rdap+json' });
        res.end(JSON.stringify(body));
      };
      if (this.failWith !== undefined)
        return send(this.failWith, {
          rdapConformance: ['rdap_level_0'],
          errorCode: this.failWith,
          title: 'Service Unavailable',
        });
      const m = /^\/domain\/([^/?]+)$/.exec(req.url ?? '');
      const name = m ? decodeURIComponent(m[1]!).toLowerCase() : '';
      const registered = this.domains.get(name);
      if (!registered)
        return send(404, {
          rdapConformance: ['rdap_level_0'],
          errorCode: 404,
          title: 'Not Found',
          description: [`The domain ${name} was not found`],
        });
      const expires = new Date(Date.parse(registered) + 365 * 86_400_000).toISOString();
      send(200, {
        objectClassName: 'domain',
        rdapConformance: [
          'rdap_level_0',
          'icann_rdap_response_profile_0',
          'icann_rdap_technical_implementation_guide_0',
        ],
        handle: `${name.replace(/\W/g, '_').toUpperCase()}-VRSN`,
        ldhName: name.toUpperCase(),
        status: ['client transfer prohibited'],
        events: [
          { eventAction: 'registration', eventDate: registered },
          { eventAction: 'expiration', eventDate: expires },
          { eventAction: 'last update of RDAP database', eventDate: '2026-11-28T12:00:00Z' },
        ],
        nameservers: [{ objectClassName: 'nameserver', ldhName: 'NS1.EXAMPLE.NET' }],
        secureDNS: { delegationSigned: false },
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
