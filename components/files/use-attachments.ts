"use client";

/**
 * Files being attached to a message, before it is sent: each is uploaded at
 * once, then waits for the file-validation worker's verdict (a realtime
 * "attachment:updated", applied here). Send only when every file is ready.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { AttachmentDto } from "@/lib/files/attachment-dto";
import { formatBytes } from "@/lib/files/format-bytes";

export interface FilePolicyView {
  allowedTypes: string[];
  /** The effective limit: the stricter of the company's policy and the channel's. */
  maxSizeBytes: number;
}

export interface DraftFile {
  key: string;
  name: string;
  size: number;
  /** An object URL for a local preview of images. */
  previewUrl: string | null;
  state: "uploading" | "checking" | "ready" | "refused";
  reason?: string;
  attachmentId?: string;
}

const MAX_FILES = 10;

export function useAttachments(options: { uploadUrl: string; token?: string | null; policy: FilePolicyView }) {
  const { uploadUrl, token, policy } = options;
  const [files, setFiles] = useState<DraftFile[]>([]);
  // Verdicts that arrived before the upload's own answer (the worker can be that fast).
  const early = useRef(new Map<string, AttachmentDto>());
  const urls = useRef(new Set<string>());

  const patch = useCallback((key: string, change: Partial<DraftFile>) => setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...change } : f))), []);

  const verdict = (attachment: AttachmentDto): Partial<DraftFile> =>
    attachment.status === "ACCEPTED" ? { state: "ready" } : attachment.status === "REJECTED" ? { state: "refused", reason: attachment.rejectionReason ?? "This file is not allowed." } : { state: "checking" };

  const upload = useCallback(async (key: string, file: File) => {
    try {
      const response = await fetch(`${uploadUrl}?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        body: file,
        headers: { "Content-Type": file.type || "application/octet-stream", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        credentials: "same-origin",
      });
      const data = (await response.json().catch(() => null)) as { attachment?: AttachmentDto; error?: { message: string } } | null;
      if (!response.ok || !data?.attachment) return patch(key, { state: "refused", reason: data?.error?.message ?? `The upload failed (${response.status}).` });
      const known = early.current.get(data.attachment.id);
      patch(key, { attachmentId: data.attachment.id, ...verdict(known ?? data.attachment) });
    } catch {
      patch(key, { state: "refused", reason: "The upload failed. Check your connection and try again." });
    }
  }, [uploadUrl, token, patch]);

  const add = useCallback((picked: File[]) => {
    const room = MAX_FILES - files.length;
    for (const file of picked.slice(0, Math.max(0, room))) {
      const key = crypto.randomUUID();
      const previewUrl = file.type.startsWith("image/") ? URL.createObjectURL(file) : null;
      if (previewUrl) urls.current.add(previewUrl);
      // Too big is known before uploading a byte; the type is decided by the server from the content.
      const tooBig = file.size > policy.maxSizeBytes;
      setFiles((list) => [...list, { key, name: file.name, size: file.size, previewUrl, state: tooBig ? "refused" : "uploading", reason: tooBig ? `This file is larger than the limit of ${formatBytes(policy.maxSizeBytes)}.` : undefined }]);
      if (!tooBig) void upload(key, file);
    }
  }, [files.length, policy.maxSizeBytes, upload]);

  const applyUpdate = useCallback((attachment: AttachmentDto) => {
    early.current.set(attachment.id, attachment);
    setFiles((list) => list.map((f) => (f.attachmentId === attachment.id ? { ...f, ...verdict(attachment) } : f)));
  }, []);

  const remove = useCallback((key: string) => {
    setFiles((list) => {
      const gone = list.find((f) => f.key === key);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return list.filter((f) => f.key !== key);
    });
  }, []);

  const clear = useCallback(() => {
    setFiles((list) => {
      list.forEach((f) => f.previewUrl && URL.revokeObjectURL(f.previewUrl));
      return [];
    });
  }, []);

  useEffect(() => {
    const open = urls.current;
    return () => open.forEach((url) => URL.revokeObjectURL(url));
  }, []);

  const busy = files.some((f) => f.state === "uploading" || f.state === "checking");
  const refused = files.some((f) => f.state === "refused");
  const readyIds = files.flatMap((f) => (f.state === "ready" && f.attachmentId ? [f.attachmentId] : []));
  return { files, policy, add, remove, clear, applyUpdate, busy, refused, readyIds };
}

export type AttachmentsController = ReturnType<typeof useAttachments>;
