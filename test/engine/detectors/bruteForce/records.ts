// Builders for ssh.log and software.log records.
import type { SoftwareRecord, SshRecord } from '../../../../engine/flow';

let n = 0;

export function ssh(p: Partial<SshRecord> & { ts: number }): SshRecord {
  n++;
  return {
    kind: 'ssh',
    uid: `Stest${n}`,
    saddr: '147.32.80.40',
    sport: 40000 + n,
    daddr: '147.32.80.37',
    dport: 22,
    proto: 'tcp',
    version: 2,
    authSuccess: undefined,
    authAttempts: 0,
    client: '',
    server: 'SSH-2.0-OpenSSH_8.9p1',
    cipherAlg: '',
    macAlg: '',
    compressionAlg: '',
    kexAlg: '',
    hostKeyAlg: '',
    hostKey: '',
    origin: { file: 'test', line: n },
    ...p,
  };
}

/** `count` sessions of one failed attempt each, one second apart. */
export function failures(count: number, start: number, p: Partial<SshRecord> = {}): SshRecord[] {
  return Array.from({ length: count }, (_, i) =>
    ssh({ ts: start + i, authSuccess: false, authAttempts: 1, ...p }),
  );
}

export function software(p: Partial<SoftwareRecord> & { ts: number }): SoftwareRecord {
  n++;
  return {
    kind: 'software',
    uid: `Wtest${n}`,
    saddr: '147.32.80.40',
    sport: 0,
    daddr: '',
    dport: 0,
    proto: '',
    software: 'SSH::CLIENT',
    softwareName: 'OpenSSH',
    versionMajor: '8',
    versionMinor: '9',
    unparsedVersion: 'OpenSSH_8.9p1',
    httpBrowser: false,
    origin: { file: 'test', line: n },
    ...p,
  };
}
