// The counts tcpdump prints when it stops: packets it wrote, packets the filter passed, and packets the
// kernel dropped because the buffer was full. With a pipe, a reader too slow for the traffic blocks
// tcpdump and shows up as kernel drops, so that one number covers both.
export interface TcpdumpStats {
  captured: number;
  receivedByFilter: number;
  droppedByKernel: number;
  /** Only some drivers report it; undefined when tcpdump did not print the line. */
  droppedByInterface: number | undefined;
}

const LINES = {
  captured: /(\d+) packets? captured/,
  receivedByFilter: /(\d+) packets? received by filter/,
  droppedByKernel: /(\d+) packets? dropped by kernel/,
  droppedByInterface: /(\d+) packets? dropped by interface/,
} as const;

/** undefined when tcpdump printed no counts (it was killed, or failed before capturing). */
export function parseTcpdumpStats(stderr: string): TcpdumpStats | undefined {
  const num = (re: RegExp) => {
    const m = re.exec(stderr);
    return m ? Number(m[1]) : undefined;
  };
  const captured = num(LINES.captured);
  const droppedByKernel = num(LINES.droppedByKernel);
  if (captured === undefined || droppedByKernel === undefined) return undefined;
  return {
    captured,
    receivedByFilter: num(LINES.receivedByFilter) ?? captured,
    droppedByKernel,
    droppedByInterface: num(LINES.droppedByInterface),
  };
}

export function statsLine(s: TcpdumpStats): string {
  const iface = s.droppedByInterface === undefined ? '' : `, ${s.droppedByInterface} dropped by interface`;
  return (
    `${s.captured} packets captured, ${s.receivedByFilter} received by filter, ` +
    `${s.droppedByKernel} dropped by kernel${iface}`
  );
}
