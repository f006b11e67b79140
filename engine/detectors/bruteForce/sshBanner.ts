// The SSH client banner's part in the brute-force confidence (slips-behaviour.md 4.2.9): a banner at all
// (from software.log, +0.03), an automation library or cracking tool (+0.07) or a common interactive
// client (+0.02); the bonus never exceeds 0.1.

/** Banners of SSH libraries and password crackers, matched as substrings of the lower-cased banner. */
const AUTOMATION_TOKENS = [
  'libssh',
  'libssh2',
  'paramiko',
  'hydra',
  'medusa',
  'ncrack',
  'net::ssh',
  'net-ssh',
  'asyncssh',
  'jsch',
  'sshj',
];
const KNOWN_CLIENT_TOKENS = ['openssh', 'putty', 'dropbear', 'winscp'];

const SOFTWARE_LOG_BONUS = 0.03;
const AUTOMATION_BONUS = 0.07;
const KNOWN_CLIENT_BONUS = 0.02;
const MAX_BONUS = 0.1;

export type BannerSource = 'software.log' | 'ssh.log' | '';

export function bannerBonus(banner: string, source: BannerSource): number {
  if (!banner) return 0;
  let bonus = source === 'software.log' ? SOFTWARE_LOG_BONUS : 0;
  const b = banner.toLowerCase();
  if (AUTOMATION_TOKENS.some((t) => b.includes(t))) bonus += AUTOMATION_BONUS;
  else if (KNOWN_CLIENT_TOKENS.some((t) => b.includes(t))) bonus += KNOWN_CLIENT_BONUS;
  return Math.min(MAX_BONUS, bonus);
}

/** A software.log SSH::CLIENT entry as upstream shows it: name, then the version text when it adds anything. */
export function clientBanner(softwareName: string, unparsedVersion: string): string {
  const parts: string[] = [];
  if (softwareName) parts.push(softwareName);
  if (unparsedVersion && !parts.includes(unparsedVersion)) parts.push(unparsedVersion);
  return parts.join(' ').trim();
}
