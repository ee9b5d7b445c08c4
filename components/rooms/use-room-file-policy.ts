"use client";

/** The file policy a widget's paperclip shows and enforces: the company's, capped by SMS's limit in SMS conversations. */
import { useEffect, useState } from "react";
import { api } from "@/components/common/api-client";
import type { FilePolicyView } from "@/components/files/use-attachments";
import type { RoomKind } from "@/lib/generated/prisma/enums";

type PolicyAnswer = { policy: { allowedTypes: string[]; maxSizeBytes: number }; channelLimits: Record<string, number> };

export function useRoomFilePolicy(kind: RoomKind): FilePolicyView {
  const [answer, setAnswer] = useState<PolicyAnswer | null>(null);
  useEffect(() => {
    // Read when the widget opens, so an administrator's change shows on the next conversation opened.
    api<PolicyAnswer>("/api/v1/files/policy").then(setAnswer).catch(() => undefined);
  }, []);
  if (!answer) return { allowedTypes: [], maxSizeBytes: 0 };
  const limit = kind === "SMS" ? Math.min(answer.policy.maxSizeBytes, answer.channelLimits.SMS ?? Infinity) : answer.policy.maxSizeBytes;
  return { allowedTypes: answer.policy.allowedTypes, maxSizeBytes: limit };
}
