// The organisations upstream knows (utils.supported_orgs) and how a domain or an IP is tied to one,
// for INCOMPATIBLE_CN and CN_URL_MISMATCH.
//
// Upstream ties an IP to an org by the org's IP ranges and by the ASN of the IP
// (slips_files/organizations_info/<org> and <org>_asn, plus the ip_info module); neither is available
// offline here, so an IP belongs to an org when DNS resolved it from a name of that org. Domains are
// matched as upstream's is_domain_in_org (same public suffix, then substring either way) against the
// registrable domains of slips_files/organizations_info/<org>_domains (Facebook's 3,000-line list is
// reduced to its registrable domains). Two additions stand in for the missing ASN check, which upstream
// relies on for the org's many other names: the older upstream rule "the org's name is in the domain"
// (googlevideo.com, googleapis.com), and EXTRA_DOMAINS, the org's own CDN and service domains whose
// servers sit in its ASN (gstatic.com, doubleclick.net, gfx.ms, ...).
import type { NetworkKnowledge } from '../../networkKnowledge';
import { words } from './common';
import { publicSuffix } from './domains';

export const SUPPORTED_ORGS = ['google', 'microsoft', 'apple', 'facebook', 'twitter'] as const;
export type Org = (typeof SUPPORTED_ORGS)[number];

const ORG_DOMAINS: Record<Org, readonly string[]> = {
  google: words(`
    admob.fi admob.no admob.tw android.com appspot.com blogger.com blogspot.com coral.ai
    firebaseapp.com ggpht.com google.ad google.ai google.cat google.co.in google.com google.com.ai
    google.com.ec google.com.nf google.com.tw google.com.ua google.cx google.ec google.fi google.gy
    google.hn google.ht google.in google.is google.mu google.net google.nf google.nl google.no
    google.org google.pl google.sn google.tw google.ua google.uz gstatic.net gvt1.com gvt2.com
    youtu.be youtube.nl
  `),
  microsoft: words(`
    azure.com azure.net azureedge.net bing.com clicktoattend.ca cloud.microsoft codeguru.pl
    cortana.ai customvision.ai github.com hotmail.com linkedin.com live.ca live.com live.fr luis.ai
    microsoft.ai microsoft.ca microsoft.com microsoft.com.tw microsoft.in microsoft.is microsoft.mu
    microsoft.nl microsoft.sn microsoft.tw microsoft.uz microsoftpartnerevents.ca microsoftstore.ca
    microsoftstore.co.in msdnbrasil.com.br msn.ca msn.co.in msn.com msn.com.tw msn.nl msnmobile.in
    office.com office365.com onnxruntime.ai outlook.com skype.com static.microsoft
    technetbrasil.com.br videoindexer.ai windows.ca windows.com windows.net wss.pl xboxcanada.ca
  `),
  apple: words(`
    mzstatic.com icloud.com aaplimg.com apple.com apple-dns.net cdn-xp-ingest.edge.apple
    cdn-apple.com marketing.services.apple
  `),
  facebook: words(`
    facebook.com facebook.net fb.com fb.me fbcdn.net fbsbx.com fburl.com instagram.com
    cdninstagram.com whatsapp.com whatsapp.net messenger.com m.me oculus.com oculusvr.com onavo.com
    meta.com atmeta.com accountkit.com thefacebook.com
  `),
  twitter: ['twitter.com', 'twimg.com', 't.co', 'ads-twitter.com', 'twitter.com.edgekey.net'],
};

/** Added here (see the file comment): domains served from the org's own networks; matched as the name or a subdomain. */
const EXTRA_DOMAINS: Record<Org, readonly string[]> = {
  google: words(`
    gstatic.com youtube.com ytimg.com youtube-nocookie.com doubleclick.net 2mdn.net gmail.com
    recaptcha.net app-measurement.com withgoogle.com chromium.org chrome.com gvt3.com admob.com
    goo.gl g.co ggpht.com
  `),
  microsoft: words(`
    gfx.ms onestore.ms aka.ms microsoftonline.com msftncsi.com msftconnecttest.com msedge.net
    bing.net live.net office.net sharepoint.com onedrive.com xbox.com xboxlive.com visualstudio.com
    windowsupdate.com s-microsoft.com msauth.net msftauth.net msecnd.net azurewebsites.net
    trafficmanager.net msocsp.com skypeassets.com lync.com
  `),
  apple: ['itunes.com', 'me.com', 'apple-cloudkit.com', 'appstore.com', 'apple.news', 'icloud-content.com'],
  facebook: ['facebook.org', 'fbpigeon.com', 'facebookcorewwwi.onion', 'threads.net'],
  twitter: ['twttr.com', 'periscope.tv', 'pscp.tv'],
};

/** Per org: public suffix → the org's domains with it (upstream compares only domains with the same suffix). */
const BY_SUFFIX = new Map<Org, Map<string, string[]>>(
  SUPPORTED_ORGS.map((org) => {
    const m = new Map<string, string[]>();
    for (const d of ORG_DOMAINS[org]) {
      const s = publicSuffix(d);
      m.set(s, [...(m.get(s) ?? []), d]);
    }
    return [org, m];
  }),
);

/** Upstream's is_domain_in_org, with the two additions of the file comment. */
export function isDomainInOrg(domain: string, org: Org): boolean {
  const d = domain.toLowerCase();
  if (!d) return false;
  if (d.includes(org)) return true;
  // Upstream's own match: substrings either way (so `xyz.google.com` and `google.com` both fit `google.com`).
  for (const od of BY_SUFFIX.get(org)!.get(publicSuffix(d)) ?? [])
    if (d.includes(od) || od.includes(d)) return true;
  return EXTRA_DOMAINS[org].some((od) => d === od || d.endsWith(`.${od}`));
}

/** The first supported org the domain belongs to. */
export function orgOfDomain(domain: string): Org | undefined {
  return SUPPORTED_ORGS.find((o) => isDomainInOrg(domain, o));
}

/** An IP belongs to an org when DNS answered one of the org's names with it (see the file comment). */
export function isIpInOrg(ip: string, org: Org, knowledge: NetworkKnowledge): boolean {
  const r = knowledge.resolution(ip);
  return r !== undefined && r.names.some((n) => isDomainInOrg(n, org));
}
