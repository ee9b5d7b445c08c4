/**
 * The OpenAPI description of /api/v1, served at /api/v1/openapi.json. Request
 * bodies are generated from the same zod schemas the handlers validate with,
 * so the document cannot drift from what the server accepts.
 */
import { z, type ZodType } from "zod";
import { transferInputSchema } from "../conversations/transfer-conversation";
import { sendMessageInputSchema } from "../messages/send-agent-message";
import { addNoteInputSchema } from "../notes/add-note";
import { settingsInputSchema } from "../users/settings";
import { createTokenInputSchema } from "../users/api-token-admin";
import { queueInputSchema } from "../routing/queue-config";
import { filePolicyInputSchema } from "../files/file-policy";
import { placeCallInputSchema } from "../calls/place-call";
import { numberUsersInputSchema } from "../channels/number-config";
import { meetingInputSchema } from "../meetings/start-meeting";
import { roomTargetInputSchema, startRoomInputSchema } from "../rooms/start-room";
import { roomMessageInputSchema } from "../rooms/send-room-message";
import { markRoomReadInputSchema, removeParticipantInputSchema, roomSettingsInputSchema } from "../rooms/room-actions";

export const API_VERSION = "1.0.0";

const body = (schema: ZodType) => ({ required: true, content: { "application/json": { schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) } } });
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const errors = {
  "400": { $ref: "#/components/responses/Error" },
  "401": { $ref: "#/components/responses/Error" },
  "404": { $ref: "#/components/responses/Error" },
  "409": { $ref: "#/components/responses/Error" },
  "422": { $ref: "#/components/responses/Error" },
};
const idParam = [{ name: "id", in: "path", required: true, schema: { type: "string" } }];
const op = (summary: string, extra: Record<string, unknown> = {}) => ({ summary, responses: { "200": ok(summary), ...errors }, ...extra });

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Parley API",
      version: API_VERSION,
      description:
        "For clients other than the web console (mobile, Communication Panel). Authenticate with a personal API token (Settings → API tokens) as `Authorization: Bearer <token>`. Live updates: connect socket.io to the same origin with `auth: { token }` and listen to the events listed in lib/realtime/events.ts (picklist:added, picklist:removed, conversation:assigned, message:created, note:created, …). The same socket takes requests with an acknowledgement, with the same rules and errors as their HTTP routes: `conversation:pick` `{ conversationId }` and `message:send` `{ conversationId, clientMessageId, body }` (answers `{ ok: true, data }` or `{ ok: false, error }`; a pick answered this way is not also announced to the same socket as conversation:assigned, though your other sockets hear it). After a reconnect, read messages since your last sequence number with `GET /conversations/{id}/messages?afterSeq=N`. Errors are `{ error: { code, message, fields? } }`.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      responses: {
        Error: {
          description: "A failure a person can act on",
          content: { "application/json": { schema: { type: "object", properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" }, fields: { type: "array" } }, required: ["code", "message"] } } } } },
        },
      },
    },
    paths: {
      "/picklist": { get: op("Waiting conversations of your queues") },
      "/conversations": { get: op("Your active conversations with unread counts", { parameters: [{ name: "sort", in: "query", schema: { enum: ["arrival", "lastMessage", "unread"] } }] }) },
      "/conversations/{id}": { get: op("Conversation details, event log and previous conversations", { parameters: idParam }) },
      "/conversations/{id}/pick": { post: op("Pick a waiting conversation (409 'Already picked by …' when someone was first)", { parameters: idParam }) },
      "/conversations/{id}/accept": { post: op("Accept an offered conversation", { parameters: idParam }) },
      "/conversations/{id}/decline": { post: op("Decline an offered conversation", { parameters: idParam }) },
      "/conversations/{id}/transfer": { post: op("Transfer to an agent or a queue", { parameters: idParam, requestBody: body(transferInputSchema) }) },
      "/conversations/{id}/end": { post: op("End the chat", { parameters: idParam }) },
      "/conversations/{id}/read": { post: op("Mark read up to a sequence number", { parameters: idParam, requestBody: body(z.object({ upToSeq: z.number().int().min(0) })) }) },
      "/conversations/{id}/messages": {
        get: op("Messages by sequence number", {
          parameters: [...idParam, { name: "afterSeq", in: "query", schema: { type: "integer" } }, { name: "beforeSeq", in: "query", schema: { type: "integer" } }, { name: "limit", in: "query", schema: { type: "integer", maximum: 200 } }],
        }),
        post: op("Send a message; resending the same clientMessageId returns the stored message", { parameters: idParam, requestBody: body(sendMessageInputSchema) }),
      },
      "/conversations/{id}/notes": { get: op("Internal notes, newest first", { parameters: idParam }), post: op("Add an internal note", { parameters: idParam, requestBody: body(addNoteInputSchema) }) },
      "/history": { get: op("Ended conversations you handled, paged", { parameters: [{ name: "order", in: "query", schema: { enum: ["newest", "oldest"] } }, { name: "cursor", in: "query", schema: { type: "string" } }, { name: "limit", in: "query", schema: { type: "integer" } }] }) },
      "/directory": { get: op("Colleagues (with presence) and queues: transfer targets") },
      "/me": { get: op("You and your settings"), patch: op("Change your settings", { requestBody: body(settingsInputSchema) }) },
      "/me/tokens": { get: op("Your API tokens"), post: op("Create an API token (shown once)", { requestBody: body(createTokenInputSchema) }) },
      "/me/tokens/{id}": { delete: op("Revoke an API token", { parameters: idParam }) },
      "/queues": { get: op("Queue configuration (supervisors)"), post: op("Create a queue (supervisors)", { requestBody: body(queueInputSchema) }) },
      "/queues/{id}": { put: op("Update a queue (supervisors)", { parameters: idParam, requestBody: body(queueInputSchema) }) },
      "/queues/board": { get: op("Live queue board (supervisors)") },
      "/conversations/{id}/attachments": {
        post: op("Upload one file (raw body, ?name=file name, Content-Type as declared). It is PENDING until the file-validation worker accepts or refuses it (socket event attachment:updated); send accepted files with the message's attachmentIds", {
          parameters: [...idParam, { name: "name", in: "query", required: true, schema: { type: "string" } }],
          requestBody: { required: true, content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
        }),
      },
      "/rooms/{id}/meetings": {
        post: op("Start, screen-share or schedule a video meeting in a chat", {
          description:
            "Chats only (422 in an SMS conversation). kind: instant | screen-share | scheduled (with title, startsAt: an ISO date-time in the future within a year, durationMinutes 5–480). The meeting link is posted into the chat as your message. Answers 201 `{ meeting: { id, kind, title, url, startsAt, durationMinutes, inviteUrl? }, message }`.",
          parameters: idParam,
          requestBody: body(meetingInputSchema),
        }),
      },
      "/meetings/{id}/invite.ics": {
        get: {
          summary: "Calendar invite of a scheduled meeting (members of its chat only)",
          parameters: idParam,
          responses: { "200": { description: "iCalendar file", content: { "text/calendar": { schema: { type: "string" } } } }, ...errors },
        },
      },
      "/address-book": { get: op("Colleagues (with presence) and saved contacts, matched by name, extension or number", { parameters: [{ name: "q", in: "query", schema: { type: "string" } }] }) },
      "/me/numbers": { get: op("The SMS numbers assigned to you (what you may send from in the widget)") },
      "/rooms": {
        get: op("Your chat and SMS widget conversations with unread counts"),
        post: op("Start (or reopen) a chat with colleagues or an SMS to phone numbers from one of your numbers, with its first message. Colleagues and numbers cannot be mixed (422); without an assigned number SMS answers 403", { requestBody: body(startRoomInputSchema) }),
      },
      "/rooms/lookup": { post: op("The saved conversation with exactly these recipients, or null", { requestBody: body(roomTargetInputSchema) }) },
      "/rooms/missed": { get: op("Unread widget messages: { messages, conversations }") },
      "/rooms/{id}": {
        get: op("One widget conversation as you see it", { parameters: idParam }),
        patch: op("Mute or rename", { parameters: idParam, requestBody: body(roomSettingsInputSchema) }),
        delete: op("Delete for you (the others keep it; it comes back with the next message)", { parameters: idParam }),
      },
      "/rooms/{id}/messages": {
        get: op("Messages by sequence number", { parameters: [...idParam, { name: "beforeSeq", in: "query", schema: { type: "integer" } }, { name: "afterSeq", in: "query", schema: { type: "integer" } }, { name: "limit", in: "query", schema: { type: "integer" } }] }),
        post: op("Send a message (an SMS to every number in an SMS conversation); a repeated clientMessageId returns the stored message", { parameters: idParam, requestBody: body(roomMessageInputSchema) }),
      },
      "/rooms/{id}/read": { post: op("Mark read up to a sequence number", { parameters: idParam, requestBody: body(markRoomReadInputSchema) }) },
      "/rooms/{id}/leave": { post: op("Leave (only when the conversation has several members; 409 in a one-to-one)", { parameters: idParam }) },
      "/rooms/{id}/participants/remove": { post: op("Remove a colleague or a phone number from the conversation", { parameters: idParam, requestBody: body(removeParticipantInputSchema) }) },
      "/reports/sms-usage": { get: op("SMS in/out per number and per user per day (admins)", { parameters: [{ name: "from", in: "query", schema: { type: "string", format: "date" } }, { name: "to", in: "query", schema: { type: "string", format: "date" } }] }) },
      "/calls": {
        post: op("Click-to-call: the provider rings your own phone (Settings → Your phone) from one of your assigned SMS numbers, then connects the colleague or number. Answers 201 { call: { id, status, destination, userPhone, from } }; 403 without an assigned SMS number, 422 without your own phone or with an unusable destination, 404 for a colleague you cannot see, 503 with the provider's reason when it refuses or cannot be reached", {
          requestBody: body(placeCallInputSchema),
          responses: { "201": ok("The provider is ringing your phone"), ...errors, "403": { $ref: "#/components/responses/Error" }, "503": { $ref: "#/components/responses/Error" } },
        }),
      },
      "/numbers/{id}/users": {
        put: op("Assign an SMS number to users, replacing its assignees (supervisors); users of another company answer 404, WhatsApp numbers and web-chat entry points 422", { parameters: idParam, requestBody: body(numberUsersInputSchema) }),
      },
      "/files/policy": { get: op("Allowed file types, maximum size and channel limits"), put: op("Change the file policy (admins)", { requestBody: body(filePolicyInputSchema) }) },
    },
  };
}
