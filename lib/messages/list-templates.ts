import { db } from "../db";
import type { Principal } from "../auth/principal";

export interface TemplateDto {
  name: string;
  language: string;
  body: string;
}

/** The company's approved WhatsApp templates. */
export async function listTemplates(options: { principal: Principal }): Promise<TemplateDto[]> {
  return db.messageTemplate.findMany({ where: { companyId: options.principal.companyId }, orderBy: { name: "asc" }, select: { name: true, language: true, body: true } });
}
