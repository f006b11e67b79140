// Certificates from a TLS Certificate message, read with node:crypto's X509Certificate: x509.log facts
// (fingerprint, subject and issuer as Zeek writes them, validity, SAN DNS names), and the chain's
// validation status in the words of Zeek's validate-certs script, checked at traffic time against
// Node's bundled root store (`tls.rootCertificates`).
import { createHash, X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';

export interface CertFacts {
  /** SHA-256 of the DER, lower-case hex (x509.log `fingerprint`, ssl.log `cert_chain_fps`). */
  fingerprint: string;
  subject: string;
  issuer: string;
  notValidBefore: number;
  notValidAfter: number;
  sanDns: string[];
  cert: X509Certificate | undefined;
}

/**
 * Servers send the same chain on every connection, and parsing a certificate and checking signatures
 * were the largest single cost of reading a TLS-heavy capture (10% on the pcap bench): parsed
 * certificates and chain paths are kept by content, a bounded number of them.
 */
const MAX_CACHED = 4096;
const parsed = new Map<string, CertFacts | undefined>();
const paths = new Map<string, X509Certificate[] | string>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

/** Parses one DER certificate (or finds it parsed before); undefined when it is not one. */
export function certFacts(der: Buffer): CertFacts | undefined {
  const key = createHash('sha1').update(der).digest('base64');
  if (parsed.has(key)) return parsed.get(key);
  return remember(parsed, key, parseCert(der));
}

function parseCert(der: Buffer): CertFacts | undefined {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    return undefined;
  }
  return {
    fingerprint: cert.fingerprint256.replace(/:/g, '').toLowerCase(),
    subject: zeekName(cert.subject),
    issuer: zeekName(cert.issuer),
    notValidBefore: Date.parse(cert.validFrom) / 1000,
    notValidAfter: Date.parse(cert.validTo) / 1000,
    sanDns: sanDns(cert.subjectAltName),
    cert,
  };
}

/** Node lists name parts one per line, most significant first; Zeek writes them reversed, comma-joined. */
function zeekName(name: string): string {
  return name
    .split('\n')
    .filter((x) => x !== '')
    .reverse()
    .join(',');
}

function sanDns(san: string | undefined): string[] {
  if (san === undefined) return [];
  const out: string[] = [];
  for (const part of san.split(', ')) if (part.startsWith('DNS:')) out.push(part.slice(4));
  return out;
}

let roots: Map<string, X509Certificate[]> | undefined;

/** Node's root store by subject (parsed once, when the first chain is validated). */
function rootStore(): Map<string, X509Certificate[]> {
  if (roots !== undefined) return roots;
  roots = new Map();
  for (const pem of rootCertificates) {
    try {
      const c = new X509Certificate(pem);
      const list = roots.get(c.subject);
      if (list) list.push(c);
      else roots.set(c.subject, [c]);
    } catch {
      // A root Node ships but cannot parse is simply not trusted.
    }
  }
  return roots;
}

function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  try {
    return child.checkIssued(parent) && child.verify(parent.publicKey);
  } catch {
    return false;
  }
}

/** Zeek's validation_status for a server chain (leaf first) at time `ts` (seconds). */
export function validationStatus(chain: CertFacts[], ts: number): string {
  const certs = chain.map((c) => c.cert).filter((c): c is X509Certificate => c !== undefined);
  if (certs.length === 0) return '';
  const key = chain.map((c) => c.fingerprint).join(',');
  const path = paths.get(key) ?? remember(paths, key, trustPath(certs));
  return typeof path === 'string' ? path : timeStatus(path, ts);
}

/** The certificates from the leaf to a trusted root, or why there is no such path. */
function trustPath(certs: X509Certificate[]): X509Certificate[] | string {
  const store = rootStore();
  let cur = certs[0]!;
  const used = new Set<X509Certificate>([cur]);
  for (let depth = 0; depth < 16; depth++) {
    const trusted = (store.get(cur.issuer) ?? []).find((r) => issuedBy(cur, r));
    if (trusted !== undefined) return [...used, trusted];
    if (issuedBy(cur, cur)) {
      return depth === 0 ? 'self signed certificate' : 'self signed certificate in certificate chain';
    }
    const next = certs.find((c) => !used.has(c) && issuedBy(cur, c));
    if (next === undefined) return 'unable to get local issuer certificate';
    used.add(next);
    cur = next;
  }
  return 'certificate chain too long';
}

function timeStatus(path: X509Certificate[], ts: number): string {
  for (const c of path) {
    if (Date.parse(c.validTo) / 1000 < ts) return 'certificate has expired';
    if (Date.parse(c.validFrom) / 1000 > ts) return 'certificate is not yet valid';
  }
  return 'ok';
}
