// One line of documentation per word of the language, for hover and completion details in the editor.
// The README's tables say the same at length.
export const KEYWORD_DOCS: Record<string, string> = {
  load: '`load PATH [width=…] [direction=out|all] [config=FILE] [disable=NAME,…]`: run the engine on a capture, Zeek logs, binetflow, eve.json or nfdump file; or reopen a saved analysis: a snapshot file (`slips -f … --save FILE`) or `redis://HOST:PORT/DB` (`slips -f … --redis URL`).',
  capture:
    '`capture IFACE [filter "BPF"] [for 30s|5m|1h] [block [confirm|dry-run]] [width=…]`: analyse live traffic from a network interface (tcpdump) until the duration ends or the cell is interrupted; queries then work on what was captured. Needs a trusted workspace.',
  filter: '`filter "BPF"`: a tcpdump capture filter (e.g. `filter "tcp port 80"`).',
  block:
    "`block`: during the capture, block each alert's attacker in this machine's firewall (nftables, else iptables) until the end of the next time window in traffic time; asks for confirmation (`block confirm` consents in writing, `block dry-run` only logs the commands).",
  confirm: "`block confirm`: consent to changing this machine's firewall without a dialog.",
  'dry-run': '`block dry-run`: log the firewall commands blocking would run, change nothing.',
  blocking:
    "`blocking`: the last capture's blocked addresses with the traffic time left on each block, and its blocking log.",
  profile: '`profile IP`: host facts, time windows, evidence by type and alerts of one profile.',
  timeline: "`timeline IP [tw N]`: the host's connections in time order, as the engine's timeline.",
  letters: '`letters IP [tw N]`: behavioural letters of each tuple per window.',
  explain: '`explain ID`: an evidence, the numbers behind it and the records it names.',
  chart:
    '`chart flows over time [by 5m] [for IP]`, `chart bytes by dport [top N]`, `chart destinations of IP [top N]`, `chart evidence over windows [for IP]`; after a query: `| chart bar|line x=FIELD y=FIELD`.',
  detect:
    '`detect portscan|horizontal|vertical [threshold=N] [on IP]` or `detect MODULE`: run one detection again over the loaded records and list its evidence.',
  export:
    '`| export csv|arrow|parquet PATH`: write every row of the query (all fields, or those `select` chose) to a file.',
  where:
    '`where CONDITION`: keep the rows where it holds (`==`, `!=`, `<`, `in 10.0.0.0/8`, `contains`, `matches /re/`, `and`, `or`, `not`).',
  count:
    '`count` gives the number of rows; `count by F[, G]` one row per distinct value with a count, largest first.',
  sort: '`sort F [asc|desc][, G …]`: order the rows (ties keep input order).',
  top: '`top N [by F]`: the N rows with the largest F (after `count by`, F is `count`).',
  limit: '`limit N`: the first N rows.',
  select: '`select F, G…`: the fields to show (and to export).',
  flows: '`flows`: connection records (conn.log, binetflow, eve flow, nfdump).',
  conn: '`conn`: the same as `flows`.',
  profiles: '`profiles`: one row per profiled IP with totals.',
  timewindows: '`timewindows`: one row per profile and time window with totals.',
  evidence: '`evidence`: every evidence the detections raised.',
  alerts: '`alerts`: every alert (evidence that crossed the threshold in a window).',
  portscan:
    '`detect portscan [threshold=N]`: vertical and horizontal port scans; evidence when more than N ports/hosts (default 5), then at each power of ten.',
  horizontal:
    '`detect horizontal [threshold=N]`: one port on more than N hosts (default 5), reported at 10, 100, 1000 … hosts.',
  vertical:
    '`detect vertical [threshold=N]`: more than N ports of one host (default 5), reported at 10, 100, 1000 … ports.',
  threshold: '`threshold=N`: the count a scan must exceed before evidence (upstream default 5).',
  csv: '`export csv PATH`: RFC 4180 CSV, times in epoch seconds.',
  arrow: '`export arrow PATH`: an Arrow IPC file.',
  parquet: '`export parquet PATH`: a Parquet file (Snappy).',
  bar: "`chart bar x=F y=F`: one bar per row, in the query's order.",
  line: '`chart line x=F y=F`: a line along x.',
  in: '`F in 10.0.0.0/8` or `F in [a, b, …]`: in a range or a list.',
  contains: '`F contains TEXT`: text containing it, case-insensitive.',
  matches: '`F matches /regex/flags`: text matching a regular expression.',
  and: 'both conditions hold',
  or: 'either condition holds',
  not: 'the condition does not hold',
};
