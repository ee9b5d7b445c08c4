/** The ceilings' own schema in the bench database, created and dropped by their drivers. */
export const CEILING_SCHEMA = "bench_ceiling";
