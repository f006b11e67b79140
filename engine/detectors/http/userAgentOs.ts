// The operating system a user agent names, read offline from the string. Upstream asks
// useragentstring.com (os_type / os_name); the values here follow that service's naming for the
// families it reports (os_type "Windows" with os_name "Windows 7", "Linux", "Macintosh" with "OS X",
// "Android", "iOS"), and Zeek's `server-bag[macOS,11.5.1,...]` agents are read as upstream does.

export interface UaOs {
  /** The OS family (`Windows`, `Linux`, `Macintosh`, `Android`, `iOS`, `Chrome OS`, ...). */
  osType: string;
  /** The OS as named in the agent (`Windows 7`, `OS X`, `Android`, ...). */
  osName: string;
}

const WINDOWS_NT: Record<string, string> = {
  '10.0': 'Windows 10',
  '6.3': 'Windows 8.1',
  '6.2': 'Windows 8',
  '6.1': 'Windows 7',
  '6.0': 'Windows Vista',
  '5.2': 'Windows XP',
  '5.1': 'Windows XP',
  '5.0': 'Windows 2000',
};

/** The OS of `ua`, or undefined when the agent does not name one (wget, curl, CryptoAPI, ...). */
export function userAgentOs(ua: string): UaOs | undefined {
  if (!ua) return undefined;
  if (ua.includes('server-bag')) return serverBag(ua);
  if (/iPhone|iPad|iPod/.test(ua)) return { osType: 'iOS', osName: 'iOS' };
  if (ua.includes('Android')) return { osType: 'Android', osName: 'Android' };
  if (ua.includes('CrOS')) return { osType: 'Chrome OS', osName: 'Chrome OS' };
  const nt = /Windows NT (\d+\.\d+)/.exec(ua);
  if (nt) return { osType: 'Windows', osName: WINDOWS_NT[nt[1]!] ?? `Windows NT ${nt[1]}` };
  if (ua.includes('Windows Phone')) return { osType: 'Windows', osName: 'Windows Phone' };
  if (/Windows|Win32|Win64|WinNT/.test(ua)) return { osType: 'Windows', osName: 'Windows' };
  if (/Mac OS X|Macintosh|Darwin/.test(ua)) return { osType: 'Macintosh', osName: 'OS X' };
  if (/Linux|X11|Ubuntu|Fedora|Debian/.test(ua)) return { osType: 'Linux', osName: 'Linux' };
  if (/FreeBSD|OpenBSD|NetBSD/.test(ua)) return { osType: 'BSD', osName: 'BSD' };
  return undefined;
}

/** `server-bag[macOS,11.5.1,20G80,MacBookAir10,1]` → os_name `macOS`, os_type `macOS11.5.1` (upstream's reading). */
function serverBag(ua: string): UaOs | undefined {
  const fields = ua.replace('server-bag', '').replace(/[[\]]/g, '').split(',');
  const osName = fields[0]?.trim() ?? '';
  if (!osName) return undefined;
  return { osName, osType: osName + (fields[1] ?? '') };
}
