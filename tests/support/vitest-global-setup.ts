/** Creates and migrates the integration-test database once per run. */
import { migrateDatabase } from "../../scripts/lib/migrate";
import { testDatabaseUrl } from "./test-env";

export default async function setup(): Promise<void> {
  await migrateDatabase(testDatabaseUrl("parley_test"));
}
