// Which captures of ../shared/data the flow classifier learns from and is judged on. The split is BY
// CAPTURE: flows of one capture share hosts, ports and timing, so a row-level split would let the
// forest recognise a capture instead of malware. Paths are relative to the data folder.

export interface Capture {
  path: string;
  /** What the capture is (for the model card). */
  about: string;
}

/** Labelled captures the shipped forest is trained on. */
export const TRAIN_CAPTURES: readonly Capture[] = [
  {
    path: 'zeek/security-datasets-for-testing/008-zeek-mixed/data/conn.log.labeled',
    about: 'CTU-Normal-40: a benign Windows host exposed to the Internet, with the attacks it received',
  },
  {
    path: 'binetflow/netflowlabeler/test5.tabs.binetflow',
    about: 'Simda-era malware host 10.0.2.15: DNS and TCP malware flows (Argus)',
  },
  {
    path: 'zeek-baselines/stratosphere-test7/conn.default-params.log.labeled',
    about: 'Hide-and-Seek IoT bot: telnet scanning and P2P, plus benign SSH/DHCP/mDNS',
  },
];

/** Labelled captures held out: C&C malware families the forest never saw. */
export const TEST_CAPTURES: readonly Capture[] = [
  {
    path: 'zeek/slips/test18-malicious-ctu-sme-11-win/zeek-labeled/conn.log.labeled',
    about: 'CTU-SME-11: RemcosRAT exfiltration attempts and benign home-network flows',
  },
  {
    path: 'zeek/security-datasets-for-testing/001-zeek-scenario-malicious/labeled-conn.log',
    about: 'CTU-Malware-Capture-Botnet-230-1: NjRAT C&C',
  },
];

/** Unlabelled captures known to be benign as a whole: every alarm on them is a false positive. */
export const BENIGN_CAPTURES: readonly Capture[] = [
  {
    path: 'binetflow/slips-0.7.1/2013-10-21_capture-1.binetflow',
    about: 'Stratosphere normal capture of 147.32.83.53',
  },
  {
    path: 'binetflow/slips-0.7.1/2015-03-24_capture1-only-dns.binetflow',
    about: 'Stratosphere normal capture, DNS flows only',
  },
  {
    // The pcap, not the Zeek baseline logs beside it: their timestamps are canonified (XXXXXXXXXX.XXXXXX).
    path: 'zeek-baselines/zeek-v8.0.0/wikipedia/wikipedia.pcap',
    about: "Zeek's wikipedia browsing trace",
  },
];
