// The wall clock appears only in "real time" / CreateTime fields and the default output folder name.
// SLIPS_FIXED_CLOCK=<ISO date> pins it so two runs give byte-identical files.

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): () => Date {
  const fixed = env.SLIPS_FIXED_CLOCK;
  if (fixed) {
    const t = Date.parse(fixed);
    if (Number.isNaN(t)) throw new Error(`SLIPS_FIXED_CLOCK='${fixed}' is not an ISO date`);
    return () => new Date(t);
  }
  return () => new Date();
}
