// Redis key names of a scaled-out analysis. Everything lives under `sn:so:` so it never meets the keys of a
// one-process analysis (engine/store/redis/slipsKeys.ts); each partition's results are a whole one-process
// analysis under its own prefix, so the Slips key names stay the same inside it.

/** Hash written by `slips ingest`: partitions, the analysis config, the input and, at the end, its accounting. */
export const SCALEOUT_MARKER = 'sn:so:run';
/** Marker `schema` value; readers refuse other values rather than guessing. */
export const SCALEOUT_SCHEMA = 'slips-notebooks/scaleout/1';
/** The consumer group every partition's stream is read through. */
export const WORKER_GROUP = 'slips-workers';

/**
 * The stream of partition `k`: its records in input order, then one end-of-input entry. The `{pK}` hash
 * tag puts a partition's stream and results in one Redis Cluster slot, so one node serves a partition.
 */
export function streamKey(k: number): string {
  return `sn:so:{p${k}}:stream`;
}

/**
 * The prefix of partition `k`'s results (ioredis `keyPrefix`). Per partition rather than per worker
 * process: a worker that replaces a killed one for the same partition rewrites the same keys.
 */
export function partitionPrefix(k: number): string {
  return `sn:so:{p${k}}:`;
}

/** Stream entry fields: a batch of records, or the end of input. */
export const FIELD_BATCH = 'b';
export const FIELD_END = 'end';
