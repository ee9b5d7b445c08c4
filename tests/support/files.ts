/**
 * Real file contents for the file tests (made here, so what a file "is"
 * comes from its bytes), and raw-body upload calls to the route handlers.
 */
import { NextRequest } from "next/server";
import sharp from "sharp";

export async function pngBytes(color = "#e11d48"): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: color } }).png().toBuffer();
}

export async function gifBytes(): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: "#16a34a" } }).gif().toBuffer();
}

/** A Windows executable: the DOS "MZ" header pointing at a PE signature. */
export function exeBytes(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write("MZ", 0, "latin1");
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write("PE\0\0", 0x80, "latin1");
  return bytes;
}

/** A HEIC photo as far as its content goes: the ISO-BMFF ftyp box with the heic brand. */
export function heicBytes(): Buffer {
  return Buffer.concat([Buffer.from("\0\0\0\x18ftypheic\0\0\0\0mif1heic", "latin1"), Buffer.alloc(1000, 7)]);
}

type Handler = (req: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface UploadCall {
  token: string;
  params: Record<string, string>;
  name: string;
  bytes: Buffer;
  type?: string;
  /** Stream the body without a Content-Length, so only the storage cut-off can stop it. */
  chunked?: boolean;
}

export async function uploadTo<T = unknown>(handler: unknown, call: UploadCall): Promise<{ status: number; body: T }> {
  const url = new URL(`http://localhost/api/test?name=${encodeURIComponent(call.name)}`);
  const headers: Record<string, string> = { authorization: `Bearer ${call.token}`, "content-type": call.type ?? "application/octet-stream" };
  let body: ReadableStream<Uint8Array> | Uint8Array;
  if (call.chunked) {
    const bytes = call.bytes;
    body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 1024) controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + 1024)));
        controller.close();
      },
    });
  } else {
    headers["content-length"] = String(call.bytes.length);
    body = new Uint8Array(call.bytes);
  }
  // duplex is required by undici for a streamed request body (not in the DOM typings).
  const init = { method: "POST", headers, body, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1];
  const req = new NextRequest(url, init);
  const res = await (handler as Handler)(req, { params: Promise.resolve(call.params) });
  return { status: res.status, body: (await res.json()) as T };
}

/** A GET that returns the raw answer (headers and bytes). */
export async function fetchFile(handler: unknown, options: { token?: string; params: Record<string, string>; query?: Record<string, string> }): Promise<Response> {
  const url = new URL("http://localhost/api/test");
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  return (handler as Handler)(new NextRequest(url, { headers }), { params: Promise.resolve(options.params) });
}
