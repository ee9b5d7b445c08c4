/**
 * The files of a sent or received message: image previews (linking to the
 * full file), playable video, and download links for everything else. Names
 * are rendered as text. Customer pages pass their token, since <img> and
 * <video> cannot send an Authorization header.
 */
import type { AttachmentDto } from "@/lib/files/attachment-dto";
import { formatBytes } from "@/lib/files/format-bytes";

function withToken(url: string, token?: string | null): string {
  if (!token) return url;
  return `${url}${url.includes("?") ? "&" : "?"}token=${encodeURIComponent(token)}`;
}

export function AttachmentList({ attachments, token }: { attachments: AttachmentDto[]; token?: string | null }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="mb-1 space-y-1" aria-label="Files">
      {attachments.map((a) => (
        <li key={a.id} data-testid="message-attachment">
          <AttachmentView attachment={a} token={token} />
        </li>
      ))}
    </ul>
  );
}

function AttachmentView({ attachment: a, token }: { attachment: AttachmentDto; token?: string | null }) {
  if (a.status === "PENDING") return <span className="text-xs italic">Checking {a.fileName}…</span>;
  if (a.status === "REJECTED") return <span className="text-xs italic">File refused: {a.fileName} — {a.rejectionReason}</span>;
  const url = withToken(a.url, token);
  if (a.mimeType.startsWith("image/") && a.thumbnailUrl) {
    return (
      <a href={url} target="_blank" rel="noopener noreferrer" className="block">
        {/* next/image would fetch through its optimizer without the caller's session or token. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={withToken(a.thumbnailUrl, token)} alt={a.fileName} className="max-h-60 max-w-full rounded" loading="lazy" />
      </a>
    );
  }
  if (a.mimeType.startsWith("video/")) {
    return <video controls preload="metadata" src={url} className="max-h-72 max-w-full rounded" aria-label={a.fileName} />;
  }
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" download={a.fileName} className="flex items-center gap-2 underline">
      <span aria-hidden>📄</span>
      <span className="truncate">{a.fileName}</span>
      <span className="shrink-0 text-xs opacity-80">({formatBytes(a.sizeBytes)})</span>
    </a>
  );
}
