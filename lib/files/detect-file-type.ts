/**
 * What a stored file really is, from its bytes (magic numbers, via
 * file-type). Plain text has no magic number: a file of valid UTF-8 without
 * NUL bytes counts as text (csv when its name says so).
 */
import { Readable } from "node:stream";
import { fileTypeFromStream } from "file-type";
import { fileStorage } from "./storage";

export interface DetectedType {
  ext: string;
  mime: string;
}

const TEXT_SAMPLE_BYTES = 64 * 1024;

export async function detectFileType(options: { storageKey: string; fileName: string }): Promise<DetectedType | null> {
  const stream = fileStorage().read(options.storageKey);
  try {
    // As a web stream: the type both of file-type's entry points (Node and browser) accept.
    const found = await fileTypeFromStream(Readable.toWeb(stream) as ReadableStream<Uint8Array>);
    if (found) return { ext: found.ext, mime: found.mime };
  } finally {
    stream.destroy();
  }
  return (await looksLikeText(options.storageKey)) ? (/\.csv$/i.test(options.fileName) ? { ext: "csv", mime: "text/csv" } : { ext: "txt", mime: "text/plain" }) : null;
}

async function looksLikeText(storageKey: string): Promise<boolean> {
  const chunks: Buffer[] = [];
  let length = 0;
  const stream = fileStorage().read(storageKey);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= TEXT_SAMPLE_BYTES) break;
  }
  stream.destroy();
  const sample = Buffer.concat(chunks).subarray(0, TEXT_SAMPLE_BYTES);
  if (sample.length === 0 || sample.includes(0)) return false;
  // A multi-byte character cut at the sample's end is fine; anything else must decode.
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, length > TEXT_SAMPLE_BYTES ? sample.length - 4 : sample.length));
    return true;
  } catch {
    return false;
  }
}
