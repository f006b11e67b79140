// The profile an IP argument names, or an error at the argument saying which profiles exist.
import type { Profile } from '../../engine/profiler/types';
import type { Literal } from '../lang/ast';
import { SlipsError } from '../lang/errors';
import { didYouMean } from '../lang/suggest';
import type { Loaded } from '../session/session';

export function profileOf(loaded: Loaded, ip: Literal): Profile {
  const value = String(ip.value);
  const p = loaded.store.getProfile(value);
  if (p) return p;
  const ips = [...loaded.store.profiles()].map((x) => x.ip);
  const hint =
    didYouMean(value, ips) || (ips.length ? ` Try \`profiles\` to list the ${ips.length} profiles.` : '');
  const why =
    loaded.config.analysisDirection === 'out'
      ? ' (with direction=out only source addresses get a profile; load with direction=all for destinations too)'
      : '';
  throw new SlipsError(`there is no profile for ${value}${why}.${hint}`, ip.pos);
}
