/**
 * Where tests run: a dedicated database next to DATABASE_URL's (refused
 * unless it is on this machine) and a separate Redis key prefix, so tests
 * never touch demo or production data.
 */
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export function testDatabaseUrl(databaseName: string): string {
  const base = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/parley");
  if (!LOCAL_HOSTS.has(base.hostname)) {
    throw new Error(`Refusing to run tests against a non-local database (${base.hostname}). Point DATABASE_URL at this machine.`);
  }
  base.pathname = `/${databaseName}`;
  return base.toString();
}

export function testRedisUrl(): string {
  const url = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  if (!LOCAL_HOSTS.has(url.hostname)) throw new Error(`Refusing to run tests against a non-local Redis (${url.hostname}).`);
  return url.toString();
}
