/** Browser-side calls to Parley's HTTP API; failures carry the server's message for the person. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** What the server answers: the data, or on a failure status `{ error }`. */
type Answer<T> = T & { error?: { code: string; message: string } };

export async function api<T>(path: string, options: { method?: string; body?: unknown; token?: string; signal?: AbortSignal } = {}): Promise<T> {
  const cancelled = () => new ApiError("The request was cancelled.", "ABORTED", 0);
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers: {
        ...(options.body === undefined ? {} : { "Content-Type": "application/json" }),
        ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch {
    if (options.signal?.aborted) throw cancelled();
    throw new ApiError("Could not reach Parley. Check your connection and try again.", "NETWORK", 0);
  }
  let data: Answer<T> | null = null;
  try {
    data = (await response.json()) as Answer<T>;
  } catch {
    // A caller that moved on (a newer search) aborts while the body is still arriving: that is not an answer.
    if (options.signal?.aborted) throw cancelled();
  }
  if (!response.ok) {
    throw new ApiError(data?.error?.message ?? `The request failed (${response.status}).`, data?.error?.code ?? "INTERNAL", response.status);
  }
  if (data === null) throw new ApiError("Parley's answer could not be read. Try again.", "BAD_RESPONSE", response.status);
  return data;
}

export function newClientMessageId(): string {
  return crypto.randomUUID();
}
