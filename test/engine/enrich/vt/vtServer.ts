// A local stand-in for https://www.virustotal.com speaking API v3 as documented: reports under
// /api/v3/{ip_addresses,domains,urls,files}/{id} as {"data": {"id", "type", "attributes":
// {"last_analysis_stats": {...}}}}, errors as {"error": {"code", "message"}} with the documented status
// (401 WrongCredentialsError without a valid x-apikey, 404 NotFoundError, 429 QuotaExceededError).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Stats {
  malicious: number;
  suspicious: number;
  harmless: number;
  undetected: number;
  timeout?: number;
}

const TYPES: Record<string, string> = {
  ip_addresses: 'ip_address',
  domains: 'domain',
  urls: 'url',
  files: 'file',
};

export class VtServer {
  readonly requests: { path: string; apiKey: string | undefined }[] = [];
  /** Reports by `collection/id`. */
  readonly reports = new Map<string, Stats>();
  /** The next this many requests get 429. */
  quotaExceeded = 0;
  retryAfter: string | undefined;
  private server!: Server;
  url = '';

  constructor(readonly validKey: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const apiKey = req.headers['x-apikey'] as string | undefined;
      this.requests.push({ path: req.url ?? '', apiKey });
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, code: string, message: string, headers?: Record<string, string>) =>
        send(status, { error: { code, message } }, headers);
      if (apiKey !== this.validKey) return error(401, 'WrongCredentialsError', 'Wrong API key');
      if (this.quotaExceeded > 0) {
        this.quotaExceeded--;
        return error(
          429,
          'QuotaExceededError',
          'Quota exceeded',
          this.retryAfter === undefined ? {} : { 'retry-after': this.retryAfter },
        );
      }
      const m = /^\/api\/v3\/(ip_addresses|domains|urls|files)\/([^/?]+)$/.exec(req.url ?? '');
      if (!m) return error(400, 'BadRequestError', 'Unknown endpoint');
      const id = decodeURIComponent(m[2]!);
      const stats = this.reports.get(`${m[1]}/${id}`);
      if (!stats) return error(404, 'NotFoundError', `Resource not found: ${id}`);
      send(200, {
        data: {
          id,
          type: TYPES[m[1]!],
          links: { self: `https://www.virustotal.com/api/v3/${m[1]}/${id}` },
          attributes: { last_analysis_stats: { timeout: 0, ...stats }, reputation: 0, tags: [] },
        },
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
