import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health/check-health";


/** Public on purpose (load balancers, the start script): it reveals states, not data. */
export async function GET() {
  const report = await checkHealth();
  return NextResponse.json(report, { status: report.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
