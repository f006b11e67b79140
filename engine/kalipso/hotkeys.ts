// The hotkey views of 8.1 (and `z` of later versions): what each key shows for the selected window.
// Each view is one or two tables; the two-table views put TCP/UDP established on top and not
// established below, as upstream did.
import { evidenceModel } from './evidenceLines';
import type { KalipsoSource, SplitTable, CountRow, WindowTables } from './source';
import { countModel, helpModel, portIpModel, tupleModel, type Metric } from './tableModels';
import type { ListModel } from './virtualList';

export interface Selection {
  ip: string;
  tw: number | undefined;
}

export interface ViewTable {
  title: string;
  model: ListModel;
}

export interface HotkeyView {
  key: string;
  /** As the seed's help bar names it. */
  name: string;
  tables(source: KalipsoSource, sel: Selection | undefined, metric: Metric): Promise<ViewTable[]>;
}

const NO_WINDOW = 'select a time window in the tree first (ESC, then arrows and Enter)';
const OPEN_WINDOW = 'this window is still open: its tables appear when it closes';

function message(title: string, text: string): ViewTable[] {
  return [{ title, model: { count: () => 0, line: () => [], empty: text } }];
}

/** A view over the window's tables, or a one-line reason why there is none. */
function windowView(
  key: string,
  name: string,
  make: (t: WindowTables, metric: Metric) => ViewTable[],
): HotkeyView {
  return {
    key,
    name,
    async tables(source, sel, metric) {
      if (!sel || sel.tw === undefined) return message(name, NO_WINDOW);
      const t = await source.tables(sel.ip, sel.tw);
      if (!t) return message(name, OPEN_WINDOW);
      return make(t, metric).map((v) => ({ ...v, title: `${v.title} ${sel.ip} TW ${sel.tw}` }));
    },
  };
}

function split(
  name: string,
  keyTitle: string,
  pick: (t: WindowTables) => SplitTable<CountRow>,
  none = 'TCP/UDP flows',
) {
  return (t: WindowTables, metric: Metric): ViewTable[] => [
    {
      title: `${name} established`,
      model: countModel(pick(t).established, keyTitle, metric, `no established ${none}`),
    },
    {
      title: `${name} not established`,
      model: countModel(pick(t).notEstablished, keyTitle, metric, `no not-established ${none}`),
    },
  ];
}

/** Flows to a profile are only profiled with analysis_direction: all, so say so where they are missing. */
const AS_SERVER = 'flows to this profile (they are profiled with analysis_direction: all)';

export const HOTKEY_VIEWS: readonly HotkeyView[] = [
  windowView(
    'e',
    'SrcPortsClient',
    split('SrcPortsClient', 'sport', (t) => t.srcPortsClient),
  ),
  windowView(
    'd',
    'DstIPsClient',
    split('DstIPsClient', 'daddr', (t) => t.dstIpsClient),
  ),
  windowView(
    'r',
    'DstPortsServer',
    split('DstPortsServer', 'dport', (t) => t.dstPortsServer, AS_SERVER),
  ),
  windowView(
    'f',
    'DstPortsClient',
    split('DstPortsClient', 'dport', (t) => t.dstPortsClient),
  ),
  windowView('t', 'DstPortsClientIPs', (t) => [
    {
      title: 'DstPortsClient per IP established',
      model: portIpModel(t.dstPortsClientIps.established, 'no established TCP/UDP flows'),
    },
    {
      title: 'DstPortsClient per IP not established',
      model: portIpModel(t.dstPortsClientIps.notEstablished, 'no not-established TCP/UDP flows'),
    },
  ]),
  windowView('i', 'OutTuples', (t) => [
    { title: 'OutTuples', model: tupleModel(t.outTuples, 'no outgoing tuples') },
  ]),
  windowView('y', 'InTuples', (t) => [
    { title: 'InTuples', model: tupleModel(t.inTuples, 'no incoming tuples') },
  ]),
  {
    key: 'z',
    name: 'EvidenceAllTWs',
    async tables(source, sel) {
      if (!sel) return message('Evidence of all windows', 'select a profile in the tree first');
      const list = await source.evidence(sel.ip);
      return [
        {
          title: `Evidence of all windows of ${sel.ip}`,
          model: evidenceModel(list, true, 'no evidence in any window of this profile'),
        },
      ];
    },
  },
  {
    key: 'h',
    name: 'help',
    async tables() {
      return [{ title: 'Help', model: helpModel(HELP) }];
    },
  },
];

export const HELP: readonly [string, string][] = [
  ['e', 'SrcPortsClient: per source port flows, packets, bytes'],
  ['d', 'DstIPsClient: per destination IP'],
  ['r', 'DstPortsServer: per destination port when the profile is the server'],
  ['f', 'DstPortsClient: per destination port'],
  ['t', 'DstPortsClient per destination IP'],
  ['i', 'OutTuples: behaviour letters per outgoing tuple'],
  ['y', 'InTuples: behaviour letters per incoming tuple'],
  ['z', 'evidence of all time windows of the profile'],
  ['o', 'reload the profiles'],
  ['h', 'this help'],
  ['tab', 'next pane (main) / next table (views)'],
  ['b', 'bar chart metric: bytes, packets, flows'],
  ['arrows j k', 'move; PgUp PgDn Home End page; left right scroll sideways'],
  ['enter', 'open or close a profile in the tree'],
  ['ESC', 'back to the main page'],
  ['q C-c', 'quit'],
];
