// A domain's age in traffic time: whole days from its registration to the flow that used it (upstream
// measured to "now", so the same capture gave other ages every day; the flow's own time keeps the
// result the same on every run and says how old the domain was when it was contacted).
import type { Answer } from '../cache/backgroundLookups';

const DAY = 86_400;

/** Registration dates of registrable domains, looked up in the background. */
export interface DomainAgeSource {
  request(domain: string): void;
  /** ISO date; null = no registration known; undefined = not looked up (yet). */
  answer(domain: string): Answer<string> | undefined;
}

/** Detectors that read domain ages get the run's source this way (Engine → OnlineEnrichment.connect). */
export interface UsesDomainAges {
  useDomainAges(source: DomainAgeSource): void;
}

export function usesDomainAges(x: object): x is UsesDomainAges {
  return typeof (x as Partial<UsesDomainAges>).useDomainAges === 'function';
}

/** Whole days from `registeredIso` to the traffic time `ts`; negative when registered after it. */
export function ageInDays(registeredIso: string, ts: number): number {
  return Math.floor((ts - Date.parse(registeredIso) / 1000) / DAY);
}
