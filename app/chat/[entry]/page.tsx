import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { findWebchatEntry } from "@/lib/webchat/find-entry";
import { CustomerChat } from "@/components/webchat/customer-chat";
import { AppError } from "@/lib/errors";
import { effectiveLimitBytes, getFilePolicy } from "@/lib/files/file-policy";

// Answers (or redirects) only once it knows who is asking: no static frame first.
export const instant = false;

export const metadata: Metadata = { title: "Chat" };

/** The public customer page of a web-chat entry point. */
export default async function CustomerChatPage({ params }: { params: Promise<{ entry: string }> }) {
  const { entry } = await params;
  const found = await findWebchatEntry(entry).catch((error) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!found) notFound();
  const policy = await getFilePolicy({ companyId: found.companyId });
  const filePolicy = { allowedTypes: policy.allowedTypes, maxSizeBytes: effectiveLimitBytes(policy, "WEBCHAT") };
  return <CustomerChat entry={found.address} companyName={found.company.name} label={found.label} filePolicy={filePolicy} />;
}
