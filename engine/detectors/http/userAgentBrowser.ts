// The browser a user agent names, read offline from the string (upstream asks useragentstring.com
// for its `agent_name`). Order matters: Chromium-based agents also carry "Safari/", and Edge and Opera
// also carry "Chrome/", so the most specific token is tested first.

const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bChrome\/|\bChromium\/|\bCriOS\//, 'Chrome'],
  [/\bMSIE |Trident\//, 'Internet Explorer'],
];

/** The browser of `ua`, or '' for agents that are not browsers (curl, updaters, malware). */
export function userAgentBrowser(ua: string): string {
  for (const [pattern, name] of BROWSERS) if (pattern.test(ua)) return name;
  // Safari says "Version/x Safari/y"; Android's old stock browser says the same and is not Safari.
  if (/\bVersion\/[\d.]+.*\bSafari\//.test(ua) && !ua.includes('Android')) return 'Safari';
  return '';
}
