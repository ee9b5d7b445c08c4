import type { JobPayload } from "../lib/queue/jobs";
import { validateAttachment } from "../lib/files/validate-attachment";

/** Checks one uploaded file by its content (idempotent: a decided file is left alone). */
export async function handleValidateAttachment(payload: JobPayload<"validateAttachment">): Promise<void> {
  await validateAttachment(payload);
}
