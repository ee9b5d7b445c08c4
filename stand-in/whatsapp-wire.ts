/**
 * WhatsApp Cloud API wire formats: the send request, Graph errors and the
 * webhook payloads (statuses and inbound messages).
 */
import { z } from "zod";
import { digits, type Reply } from "./http-util";
import { newFbtraceId } from "./signatures";

/** The WhatsApp Business Account id in webhook entries (one per stand-in). */
export const BUSINESS_ACCOUNT_ID = "102000000000000";

const mediaSchema = z.object({ link: z.url().optional(), id: z.string().min(1).optional(), caption: z.string().max(1024).optional() });

export const sendSchema = z
  .object({
    messaging_product: z.literal("whatsapp"),
    recipient_type: z.literal("individual").optional(),
    to: z.string().refine((to) => digits(to).length >= 7 && digits(to).length <= 15, "is not a valid phone number"),
    type: z.enum(["text", "image", "document", "template"]).default("text"),
    text: z.object({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() }).optional(),
    image: mediaSchema.optional(),
    document: mediaSchema.extend({ filename: z.string().optional() }).optional(),
    template: z
      .object({ name: z.string().min(1), language: z.object({ code: z.string().min(1) }).loose(), components: z.array(z.unknown()).optional() })
      .optional(),
    context: z.object({ message_id: z.string() }).optional(),
    biz_opaque_callback_data: z.string().max(512).optional(),
  })
  .loose()
  .superRefine((send, ctx) => {
    if (send[send.type] === undefined) ctx.addIssue({ code: "custom", path: [send.type], message: `is required for type ${send.type}` });
    const media = send.type === "image" ? send.image : send.type === "document" ? send.document : undefined;
    if (media && !media.link && !media.id) ctx.addIssue({ code: "custom", path: [send.type], message: "needs a link or an id" });
  });

export type WhatsAppSend = z.infer<typeof sendSchema>;

export function graphError(code: number, message: string, status: number, details?: string, headers?: Record<string, string>): Reply {
  const error: Record<string, unknown> = { message, type: "OAuthException", code };
  if (details !== undefined) error.error_data = { messaging_product: "whatsapp", details };
  error.fbtrace_id = newFbtraceId();
  return { status, body: { error }, headers };
}

/** What a person reads for a send: the text, caption, file name or template name. */
export function readableText(send: WhatsAppSend): string {
  switch (send.type) {
    case "text":
      return send.text?.body ?? "";
    case "image":
      return send.image?.caption ?? "[image]";
    case "document":
      return send.document?.caption ?? send.document?.filename ?? "[document]";
    case "template":
      return `[template ${send.template?.name ?? ""}]`;
  }
}

function unixSeconds(date = new Date()): string {
  return String(Math.floor(date.getTime() / 1000));
}

function envelope(phoneNumberId: string, displayNumber: string, value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: BUSINESS_ACCOUNT_ID,
        changes: [
          {
            field: "messages",
            value: { messaging_product: "whatsapp", metadata: { display_phone_number: digits(displayNumber), phone_number_id: phoneNumberId }, ...value },
          },
        ],
      },
    ],
  };
}

export interface StatusUpdate {
  wamid: string;
  status: "sent" | "delivered" | "read" | "failed";
  recipient: string;
  bizOpaqueCallbackData?: string;
  error?: { code: number; title: string; details: string };
}

export function statusPayload(phoneNumberId: string, displayNumber: string, update: StatusUpdate) {
  const status: Record<string, unknown> = { id: update.wamid, status: update.status, timestamp: unixSeconds(), recipient_id: digits(update.recipient) };
  if (update.bizOpaqueCallbackData !== undefined) status.biz_opaque_callback_data = update.bizOpaqueCallbackData;
  if (update.error) {
    const { code, title, details } = update.error;
    status.errors = [{ code, title, message: title, error_data: { details } }];
  }
  return envelope(phoneNumberId, displayNumber, { statuses: [status] });
}

export interface InboundText {
  wamid: string;
  from: string;
  name: string;
  body: string;
}

export function inboundPayload(phoneNumberId: string, displayNumber: string, message: InboundText) {
  return envelope(phoneNumberId, displayNumber, {
    contacts: [{ profile: { name: message.name }, wa_id: digits(message.from) }],
    messages: [{ from: digits(message.from), id: message.wamid, timestamp: unixSeconds(), type: "text", text: { body: message.body } }],
  });
}
