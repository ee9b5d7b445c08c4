"use client";

/** Outside WhatsApp's 24-hour window only an approved template can be sent; the composer becomes this picker. */
import { useEffect, useState } from "react";
import type { TemplateDto } from "@/lib/messages/list-templates";
import { api } from "@/components/common/api-client";

export function TemplatePicker({ onSend }: { onSend: (templateName: string) => void }) {
  const [templates, setTemplates] = useState<TemplateDto[]>([]);
  const [chosen, setChosen] = useState("");
  useEffect(() => {
    void api<{ items: TemplateDto[] }>("/api/v1/templates").then(({ items }) => setTemplates(items)).catch(() => undefined);
  }, []);
  const template = templates.find((t) => t.name === chosen);
  return (
    <div className="space-y-2 border-t border-slate-200 bg-amber-50 p-3" data-testid="template-picker">
      <p className="text-sm text-amber-900">The 24-hour WhatsApp window is closed. Until the customer writes again, you can only send an approved template.</p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="template" className="text-sm font-medium">Template</label>
        <select id="template" value={chosen} onChange={(e) => setChosen(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
          <option value="">Choose…</option>
          {templates.map((t) => <option key={`${t.name}-${t.language}`} value={t.name}>{t.name} ({t.language})</option>)}
        </select>
        <button type="button" disabled={!chosen} onClick={() => { onSend(chosen); setChosen(""); }} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">Send template</button>
      </div>
      {template ? <p className="rounded-md bg-white p-2 text-sm text-slate-700">{template.body}</p> : null}
    </div>
  );
}
