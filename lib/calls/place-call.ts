/**
 * Click-to-call (PRODUCT.md section 6): the provider first rings the caller's
 * own phone (User.phone) from one of their assigned SMS numbers; when they
 * answer, it dials the destination with that number as caller id. Parley
 * only asks the provider to start the call and keeps a Call row of the
 * attempt; the call itself never passes through Parley.
 */
import { z } from "zod";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import type { Principal } from "../auth/principal";
import { providerConfigById } from "../channels/provider-config";
import { createTwilioCall, dialTwiml, type CallResult } from "../channels/twilio-voice";
import { requireAssignedNumber } from "../rooms/sms-numbers";
import { requirePhoneInput } from "../users/phone-input";

export const placeCallInputSchema = z.object({
  to: z.discriminatedUnion("type", [
    z.object({ type: z.literal("user"), id: z.string().min(1) }),
    z.object({ type: z.literal("phone"), number: z.string().trim().min(1, "Type the number to call.").max(40) }),
  ]),
  /** One of the caller's assigned SMS numbers; their first one when left out. */
  fromAddressId: z.string().min(1).optional(),
});
export type PlaceCallInput = z.infer<typeof placeCallInputSchema>;

export interface CallDto {
  id: string;
  /** "queued": the provider is ringing your phone; "failed": it refused or could not be reached. */
  status: string;
  /** Who the call connects to (E.164). */
  destination: string;
  /** Your phone, rung first (E.164). */
  userPhone: string;
  /** The number shown as caller id (E.164). */
  from: string;
}

export const NO_OWN_PHONE = "Add your phone under Settings so Parley can ring you first.";

async function resolveDestination(principal: Principal, to: PlaceCallInput["to"]): Promise<string> {
  if (to.type === "phone") return requirePhoneInput(to.number, "to.number");
  const colleague = await db.user.findFirst({ where: { id: to.id, companyId: principal.companyId }, select: { id: true, name: true, phone: true } });
  if (!colleague) throw notFound("That colleague does not exist.");
  if (colleague.id === principal.userId) throw new AppError("VALIDATION", "You cannot call yourself.", [{ path: "to.id", message: "That is you." }]);
  if (!colleague.phone) throw new AppError("VALIDATION", `${colleague.name} has no phone number in Parley.`, [{ path: "to.id", message: "No phone number." }]);
  return colleague.phone;
}

/** What the caller reads when the provider did not take the call; null when it did. */
function failureMessage(result: CallResult | null, from: string): string | null {
  if (!result) return `${from} has no provider settings. An administrator can add them under Configuration → Numbers.`;
  if (result.ok) return null;
  if (result.failure === "unreachable") return `The phone provider could not be reached (${result.reason}). Try again in a moment.`;
  return `The phone provider refused the call: ${result.reason} (error ${result.code}).`;
}

/**
 * Places a click-to-call. Refuses (before anything is stored) when you have
 * no phone of your own, no assigned SMS number, or an unusable destination;
 * a provider refusal or outage is stored as a failed call and answered as
 * UNAVAILABLE with the provider's reason.
 */
export async function placeCall(options: { principal: Principal; input: PlaceCallInput }): Promise<CallDto> {
  const { principal, input } = options;
  const me = await db.user.findUniqueOrThrow({ where: { id: principal.userId }, select: { phone: true } });
  if (!me.phone) throw new AppError("VALIDATION", NO_OWN_PHONE);
  const from = await requireAssignedNumber(principal, input.fromAddressId);
  const destination = await resolveDestination(principal, input.to);
  if (destination === me.phone) throw new AppError("VALIDATION", "You cannot call yourself: that is your own phone.", [{ path: "to", message: "That is your own phone." }]);

  const config = await providerConfigById(from.id);
  const result = config ? await createTwilioCall(config, { to: me.phone, twiml: dialTwiml(from.number, destination) }) : null;
  const failure = failureMessage(result, from.number);

  const row = await db.call.create({
    data: {
      companyId: principal.companyId, userId: principal.userId, fromAddressId: from.id, userPhone: me.phone, destination,
      ...(result?.ok ? { status: "queued", providerCallSid: result.callSid } : { status: "failed", failureReason: failure }),
    },
    select: { id: true, status: true, destination: true, userPhone: true },
  });
  if (failure) throw new AppError("UNAVAILABLE", failure);
  return { ...row, from: from.number };
}
