/**
 * The file types an admin can allow, and human names for what the validation
 * worker finds in a file, so a refusal says what the file really is.
 */
export const KNOWN_FILE_TYPES = ["gif", "heic", "jpeg", "jpg", "png", "webp", "pdf", "mp4", "mov", "txt", "csv", "docx", "xlsx", "zip"] as const;
export const DEFAULT_ALLOWED_TYPES = ["gif", "heic", "jpeg", "jpg", "png"];

/** MIME types a browser's file chooser understands, for the accept attribute. */
const MIME_BY_EXT: Record<string, string> = {
  gif: "image/gif", heic: "image/heic", jpeg: "image/jpeg", jpg: "image/jpeg", png: "image/png", webp: "image/webp",
  pdf: "application/pdf", mp4: "video/mp4", mov: "video/quicktime", txt: "text/plain", csv: "text/csv",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", zip: "application/zip",
};

const NAMES: Record<string, string> = {
  exe: "a Windows executable", elf: "a Linux executable", "mach-o": "a macOS executable", msi: "a Windows installer",
  png: "a PNG image", jpg: "a JPEG image", gif: "a GIF image", webp: "a WebP image", heic: "a HEIC photo", avif: "an AVIF image",
  bmp: "a BMP image", tif: "a TIFF image", pdf: "a PDF document", zip: "a ZIP archive", rar: "a RAR archive", "7z": "a 7-Zip archive",
  gz: "a gzip archive", mp4: "an MP4 video", mov: "a QuickTime video", webm: "a WebM video", mp3: "an MP3 audio file",
  docx: "a Word document", xlsx: "an Excel workbook", pptx: "a PowerPoint presentation", doc: "a Word document", xls: "an Excel workbook",
  html: "an HTML page", xml: "an XML document", svg: "an SVG image", txt: "a text file", csv: "a CSV file",
};

/** jpg and jpeg are the same type: allowing either allows both. */
export function normalizeExt(ext: string): string {
  const lower = ext.toLowerCase();
  return lower === "jpeg" ? "jpg" : lower;
}

export function describeFileType(ext: string): string {
  return `${NAMES[ext] ?? `a ${ext.toUpperCase()} file`} (${ext})`;
}

/** The accept attribute of a file input for the allowed types (extensions and MIME types). */
export function acceptAttribute(allowedTypes: string[]): string {
  return allowedTypes.flatMap((ext) => [`.${ext}`, MIME_BY_EXT[ext]].filter(Boolean)).join(",");
}

export function allowedTypesLabel(allowedTypes: string[]): string {
  return [...allowedTypes].sort().map((ext) => ext.toUpperCase()).join(", ");
}
