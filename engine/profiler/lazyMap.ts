// Most windows only ever see one role: with analysis direction `out` no window has Server data, and
// a host seen once has no source-port detail worth a table. Their maps start as one shared empty map
// and are created on first write, which keeps a sparse window at a few hundred bytes instead of a few
// kilobytes (measured: -10% profiler time on the 1M-line bench, most of it garbage collection).

class NoEntries<K, V> extends Map<K, V> {
  override set(): this {
    throw new Error('write to the shared empty map: create the window map first (see lazyMap.ts)');
  }
}

const NONE = new NoEntries<never, never>();

/** The shared empty map a lazy field starts as. */
export function noEntries<K, V>(): Map<K, V> {
  return NONE as unknown as Map<K, V>;
}

/** True while `m` is still the shared empty map. */
export function isNoEntries<K, V>(m: Map<K, V>): boolean {
  return m === (NONE as unknown);
}
