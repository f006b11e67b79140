// `detect FAMILY [threshold=N] [on IP]`: one detection family run again over the loaded records with
// other parameters, its evidence as a table, titled with how much the load itself found of the same
// kind (so the effect of the parameter reads at a glance).
import type { SlipsConfig } from '../../engine/config/config';
import { createDetectors } from '../../engine/detectors/registry';
import type { Detector } from '../../engine/detectors/detector';
import type { Evidence } from '../../engine/evidence/types';
import { HorizontalPortScan } from '../../engine/detectors/networkDiscovery/horizontalPortScan';
import { VerticalPortScan } from '../../engine/detectors/networkDiscovery/verticalPortScan';
import type { Literal, OptionNode, Statement } from '../lang/ast';
import { SlipsError } from '../lang/errors';
import { didYouMean } from '../lang/suggest';
import { SCAN_FAMILIES } from '../lang/vocabulary';
import type { TablePayload } from '../protocol';
import { evidenceFrame } from '../query/sources';
import { rerunDetectors } from '../session/rerun';
import type { LoadControl, Loaded } from '../session/session';
import { profileOf } from './profileLookup';
import { tablePayload } from './tableView';

type DetectStatement = Extract<Statement, { kind: 'detect' }>;

/** The detectors a family names, and which of the load's evidence is of the same kind. */
interface Family {
  detectors: Detector[];
  sameKind(e: Evidence): boolean;
}

const SCAN_TYPES = {
  vertical: ['VERTICAL_PORT_SCAN'],
  horizontal: ['HORIZONTAL_PORT_SCAN'],
  portscan: ['VERTICAL_PORT_SCAN', 'HORIZONTAL_PORT_SCAN'],
} as const;

function threshold(params: readonly OptionNode[]): number | undefined {
  const p = params.find((o) => o.name.name === 'threshold');
  if (!p) return undefined;
  const v = p.values[0]!;
  if (p.values.length > 1 || v.kind !== 'number' || !Number.isInteger(v.value) || v.value < 0)
    throw new SlipsError('threshold is a whole number (evidence when more than that many are seen)', v.pos);
  return v.value;
}

function family(config: SlipsConfig, s: DetectStatement): Family {
  const seen = new Set<string>();
  for (const p of s.params) {
    if (seen.has(p.name.name)) throw new SlipsError(`${p.name.name} is given twice`, p.name.pos);
    seen.add(p.name.name);
  }
  const name = s.family.name;
  if ((SCAN_FAMILIES as readonly string[]).includes(name)) {
    const t = threshold(s.params);
    const scan = name as keyof typeof SCAN_TYPES;
    const detectors: Detector[] = [];
    if (scan !== 'horizontal') detectors.push(new VerticalPortScan({ minPorts: t }));
    if (scan !== 'vertical') detectors.push(new HorizontalPortScan(undefined, { minHosts: t }));
    const types: readonly string[] = SCAN_TYPES[scan];
    return { detectors, sameKind: (e) => types.includes(e.evidenceType) };
  }
  const all = createDetectors(config);
  const modules = [...new Set(all.map((d) => d.name))];
  if (!modules.includes(name))
    throw new SlipsError(
      `unknown detection '${name}'.${didYouMean(name, [...SCAN_FAMILIES, ...modules])} ` +
        `Detections are ${[...SCAN_FAMILIES, ...modules].join(', ')}.`,
      s.family.pos,
    );
  if (s.params.length)
    throw new SlipsError(
      `${name} runs with its own thresholds; only ${SCAN_FAMILIES.join(', ')} take threshold=N`,
      s.params[0]!.name.pos,
    );
  return { detectors: all.filter((d) => d.name === name), sameKind: (e) => e.module === name };
}

function describe(s: DetectStatement, ip: Literal | undefined): string {
  const params = s.params.map((p) => ` ${p.name.name}=${p.values.map((v) => String(v.value)).join(',')}`);
  return `detect ${s.family.name}${params.join('')}${ip ? ` on ${String(ip.value)}` : ''}`;
}

export async function detectPayload(
  loaded: Loaded,
  s: DetectStatement,
  control: LoadControl = {},
): Promise<TablePayload> {
  const f = family(loaded.config, s);
  const ip = s.ip ? profileOf(loaded, s.ip).ip : undefined;
  const ofIp = (e: Evidence) => ip === undefined || e.profile === `profile_${ip}`;
  const found = (await rerunDetectors(loaded, f.detectors, control)).filter(ofIp);
  const before = loaded.sink.evidenceList.filter((e) => f.sameKind(e) && ofIp(e)).length;
  const title = `${describe(s, s.ip)}: ${found.length} evidence (the load found ${before} of this kind)`;
  return tablePayload({ frame: evidenceFrame(found), rows: undefined }, title);
}
