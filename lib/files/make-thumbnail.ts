/** A preview of an image, at most 320 px on its longer side, stored next to the file. */
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { fileStorage } from "./storage";

const THUMBNAIL_TYPES = new Set(["jpg", "png", "gif", "webp"]);
const THUMBNAIL_MAX_BYTES = 2 * 1024 * 1024;
export const THUMBNAIL_MIME = "image/webp";

/** The thumbnail's storage key, or null when the type has none or the image cannot be decoded (the UI shows a file icon). */
export async function makeThumbnail(options: { storageKey: string; ext: string }): Promise<string | null> {
  if (!THUMBNAIL_TYPES.has(options.ext)) return null;
  // A fresh key per run: a job that runs twice at once never writes into the other's file.
  const key = `${options.storageKey}.thumb-${randomUUID().slice(0, 8)}.webp`;
  try {
    const resize = sharp({ limitInputPixels: 100_000_000 }).rotate().resize(320, 320, { fit: "inside", withoutEnlargement: true }).webp({ quality: 80 });
    const storage = fileStorage();
    await storage.write(key, storage.read(options.storageKey).pipe(resize), THUMBNAIL_MAX_BYTES);
    return key;
  } catch (error) {
    console.warn(`[parley] no thumbnail for ${options.storageKey}: ${(error as Error).message}`);
    await fileStorage().remove(key).catch(() => undefined);
    return null;
  }
}
