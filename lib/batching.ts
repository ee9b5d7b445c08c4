import { Prisma } from "./generated/prisma/client";
/**
 * Group commit for hot statements: the first call runs at once; calls that
 * arrive while a batch is in flight wait for it and then run together as the
 * next batch, one statement for all of them. An idle system adds no latency;
 * under a burst each round trip carries many requests instead of one.
 */
export function inFlightBatches<In, Out>(
  run: (inputs: In[]) => Promise<Out[]>,
  options: {
    maxBatch?: number;
    /**
     * Calls with the same key never share a batch: the later ones wait, in the order they came, for the next batch.
     * For statements that can change a row only once (each reply takes its conversation's next sequence number).
     */
    keyOf?: (input: In) => string;
  } = {},
): (input: In) => Promise<Out> {
  const { maxBatch = 200, keyOf } = options;
  const waiting: Array<{ input: In; resolve: (out: Out) => void; reject: (error: unknown) => void }> = [];
  let inFlight = false;

  async function drain(): Promise<void> {
    if (inFlight || waiting.length === 0) return;
    inFlight = true;
    const batch = keyOf ? takeOnePerKey(waiting, keyOf, maxBatch) : waiting.splice(0, maxBatch);
    try {
      const outputs = await run(batch.map((call) => call.input));
      batch.forEach((call, i) => call.resolve(outputs[i]!));
    } catch (error) {
      for (const call of batch) call.reject(error);
    } finally {
      inFlight = false;
      void drain();
    }
  }

  return (input) =>
    new Promise<Out>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      void drain();
    });
}

/** Removes from `waiting` and returns, in order, up to `max` calls with no key twice; the rest keep their order. */
function takeOnePerKey<Call extends { input: In }, In>(waiting: Call[], keyOf: (input: In) => string, max: number): Call[] {
  const taken: Call[] = [];
  const left: Call[] = [];
  const keys = new Set<string>();
  for (const call of waiting) {
    const key = keyOf(call.input);
    if (taken.length < max && !keys.has(key)) {
      taken.push(call);
      keys.add(key);
    } else {
      left.push(call);
    }
  }
  waiting.splice(0, waiting.length, ...left);
  return taken;
}

/**
 * A batch's rows as a FROM item `alias(name, …)`: unnest of one array per column, or, for a batch of one, a row
 * of plain parameters. PostgreSQL keeps a generic plan only for the second: a statement over arrays looks cheaper
 * planned for the arrays it is given, so it is planned again on every call (planning was 38 % of PostgreSQL's
 * CPU time on the SMS path, bench/HISTORY.md), while an idle system's batches are mostly of one.
 */
export function batchRows(alias: string, columns: Array<{ name: string; type: string; values: unknown[] }>): Prisma.Sql {
  const names = Prisma.raw(columns.map((column) => column.name).join(", "));
  if (columns[0]?.values.length === 1) {
    const row = Prisma.join(columns.map((column) => Prisma.sql`${column.values[0]}::${Prisma.raw(column.type)}`));
    return Prisma.sql`(VALUES (${row})) AS ${Prisma.raw(alias)}(${names})`;
  }
  const arrays = Prisma.join(columns.map((column) => Prisma.sql`${column.values}::${Prisma.raw(column.type)}[]`));
  return Prisma.sql`unnest(${arrays}) AS ${Prisma.raw(alias)}(${names})`;
}

/** `expression = ANY(values)`, or `expression = value` for one value (planned once, as batchRows explains). */
export function oneOf(expression: Prisma.Sql, values: string[]): Prisma.Sql {
  return values.length === 1 ? Prisma.sql`${expression} = ${values[0]}` : Prisma.sql`${expression} = ANY(${values}::text[])`;
}
