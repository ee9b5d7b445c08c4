import { requirePagePrincipal } from "@/lib/auth/session";
import { CHANNEL_LIMIT_BYTES, getFilePolicy } from "@/lib/files/file-policy";
import { formatBytes } from "@/lib/files/format-bytes";
import { FilePolicyForm } from "@/components/configuration/file-policy-form";

export const metadata = { title: "Files" };

export default async function FilesPage() {
  const principal = await requirePagePrincipal("ADMIN");
  const policy = await getFilePolicy({ companyId: principal.companyId });
  return (
    <section aria-labelledby="files-heading" className="max-w-3xl space-y-3">
      <h1 id="files-heading" className="text-xl font-semibold">Files</h1>
      <p className="text-sm text-slate-600">
        Which files agents and customers may send. Files are checked by their content, not their name. SMS carries at most {formatBytes(CHANNEL_LIMIT_BYTES.SMS)} and
        WhatsApp {formatBytes(CHANNEL_LIMIT_BYTES.WHATSAPP)} per file; the stricter limit applies. Changes apply to the next file.
      </p>
      <FilePolicyForm initial={policy} />
    </section>
  );
}
