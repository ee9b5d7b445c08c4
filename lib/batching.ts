/**
 * Group commit for hot statements: the first call runs at once; calls that
 * arrive while a batch is in flight wait for it and then run together as the
 * next batch, one statement for all of them. An idle system adds no latency;
 * under a burst each round trip carries many requests instead of one.
 */
export function inFlightBatches<In, Out>(run: (inputs: In[]) => Promise<Out[]>, maxBatch = 200): (input: In) => Promise<Out> {
  const waiting: Array<{ input: In; resolve: (out: Out) => void; reject: (error: unknown) => void }> = [];
  let inFlight = false;

  async function drain(): Promise<void> {
    if (inFlight || waiting.length === 0) return;
    inFlight = true;
    const batch = waiting.splice(0, maxBatch);
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
