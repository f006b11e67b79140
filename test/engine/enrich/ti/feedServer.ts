// A local stand-in for the feed hosts (abuse.ch, GitHub raw, spamhaus, ...), speaking plain HTTP/1.1 as
// they do: ETag and Last-Modified on every feed, 304 to a matching conditional request, error statuses,
// 429 with Retry-After, chunked bodies and bodies cut short. Routes can be changed between requests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface FeedServer {
  url(path: string): string;
  route(path: string, h: Handler): void;
  /** Requests per path, with the conditional headers each carried. */
  requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string }[];
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Handler>();
  const requests: FeedServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({
      path,
      ifNoneMatch: req.headers['if-none-match'],
      ifModifiedSince: req.headers['if-modified-since'],
    });
    const h = routes.get(path);
    if (h) return h(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    route: (p, h) => void routes.set(p, h),
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A feed file as a static host serves it: strong ETag of the content, Last-Modified, 304 when unchanged. */
export function staticFeed(body: string | Buffer, lastModified = 'Wed, 21 Oct 2026 07:28:00 GMT'): Handler {
  const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
  return (req, res) => {
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    // RFC 9110 13.1.3: If-None-Match wins over If-Modified-Since when both are sent.
    const notModified = inm !== undefined ? inm === etag : ims !== undefined && ims === lastModified;
    if (notModified) return void res.writeHead(304, { etag, 'last-modified': lastModified }).end();
    res
      .writeHead(200, {
        'content-type': 'text/plain; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        etag,
        'last-modified': lastModified,
      })
      .end(body);
  };
}

export function statusPage(status: number, headers: Record<string, string> = {}, body = ''): Handler {
  return (_req, res) => void res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(body);
}

/** Announces the whole length, sends part of it, then drops the connection. */
export function cutShort(body: string, sent: number): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
    res.write(body.slice(0, sent), () => res.socket?.destroy());
  };
}

/**
 * A generated feed of `bytes` bytes (lines of documentation-range addresses), produced as the client
 * reads it: the server never holds it either. With `announce`, Content-Length says the size up front.
 */
export function hugeFeed(bytes: number, announce: boolean): Handler & { sent: () => number } {
  let sent = 0;
  const h = (_req: IncomingMessage, res: ServerResponse) => {
    const line = (i: number) => `198.51.${(i >> 8) & 255}.${i & 255},generated ${i}\n`;
    const headers: Record<string, string | number> = { 'content-type': 'text/plain' };
    if (announce) headers['content-length'] = bytes;
    res.writeHead(200, headers);
    let i = 0;
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        let chunk = '';
        while (chunk.length < 64 * 1024) chunk += line(i++);
        const buf = Buffer.from(chunk.slice(0, Math.min(chunk.length, left)));
        left -= buf.length;
        sent += buf.length;
        if (!res.write(buf)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => (left = 0));
    pump();
  };
  return Object.assign(h, { sent: () => sent });
}
