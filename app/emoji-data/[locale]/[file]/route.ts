/**
 * Emoji data for the picker, served from the installed emojibase-data
 * package so the composer works on machines without internet access.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { NextResponse } from "next/server";

const LOCALES = new Set(["en"]);
const FILES = new Set(["data.json", "messages.json"]);

export async function GET(_req: Request, context: { params: Promise<{ locale: string; file: string }> }) {
  const { locale, file } = await context.params;
  if (!LOCALES.has(locale) || !FILES.has(file)) return NextResponse.json({ error: { code: "NOT_FOUND", message: "Unknown emoji data file." } }, { status: 404 });
  const body = await readFile(join(process.cwd(), "node_modules", "emojibase-data", locale, file));
  return new NextResponse(body, { headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=86400" } });
}
