// Timestamps as the output files spell them. Everything is UTC so the same input gives the same bytes
// on every machine; fractions are microseconds, as Python's datetime prints them upstream.

/** Whole seconds and microseconds of an epoch, rounding the float to the nearest microsecond. */
function split(epoch: number): { secs: number; micros: number } {
  let secs = Math.floor(epoch);
  let micros = Math.round((epoch - secs) * 1e6);
  if (micros >= 1_000_000) {
    secs++;
    micros -= 1_000_000;
  }
  return { secs, micros };
}

/** `YYYY-MM-DDTHH:MM:SS` of whole epoch seconds, or undefined outside the Date range. */
function isoSeconds(secs: number): string | undefined {
  const d = new Date(secs * 1000);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 19);
}

/** `2023-02-20T11:07:50.528144+00:00`: the alerts.log / IDMEFv2 form. */
export function isoUtc(epoch: number): string {
  const { secs, micros } = split(epoch);
  const base = isoSeconds(secs);
  return base === undefined ? String(epoch) : `${base}.${String(micros).padStart(6, '0')}+00:00`;
}

/** The wall clock in the same form (milliseconds padded to microseconds). */
export function isoClock(d: Date): string {
  return isoUtc(d.getTime() / 1000);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The timeline formats one timestamp per flow, mostly of the same day: the date part is kept. */
let lastDay = NaN;
let lastDate = '';

/** `2020/12/18 14:00:05.123456`: the timeline's human timestamp. */
export function humanUtc(epoch: number): string {
  const { secs, micros } = split(epoch);
  const day = Math.floor(secs / 86400);
  if (day !== lastDay) {
    const base = isoSeconds(day * 86400);
    if (base === undefined) return String(epoch);
    lastDay = day;
    lastDate = base.slice(0, 10).replace(/-/g, '/');
  }
  const s = secs - day * 86400;
  const hms = `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
  return `${lastDate} ${hms}.${String(micros).padStart(6, '0')}`;
}

/** `2020-12-18T14:00:05`: the time-window file name stamp (`%Y-%m-%dT%H:%M:%S`), truncated to the second. */
export function fileStamp(epoch: number): string {
  return isoSeconds(Math.floor(epoch)) ?? String(Math.floor(epoch));
}
