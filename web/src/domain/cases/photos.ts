/** Longest side of a photo sent with a case: phone cameras give 4000 px; this keeps one photo well under the API's request limit. */
export const PHOTO_MAX_SIDE = 1600;
const PHOTO_QUALITY = 0.8;

/** Base64 of bytes (no `data:` prefix), as the API takes photos. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** The size a photo is scaled to: at most `max` on its longest side, never enlarged. */
export function scaledSize(width: number, height: number, max = PHOTO_MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A picked image file as base64 JPEG, scaled down to PHOTO_MAX_SIDE; the file as it is when the browser cannot decode it. */
export async function photoForUpload(file: Blob): Promise<string> {
  try {
    const bitmap = await createImageBitmap(file);
    const { width, height } = scaledSize(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((ok) => canvas.toBlob(ok, 'image/jpeg', PHOTO_QUALITY));
    if (blob) return toBase64(new Uint8Array(await blob.arrayBuffer()));
  } catch {
    // Not decodable here (e.g. HEIC on some browsers): send the original.
  }
  return toBase64(new Uint8Array(await file.arrayBuffer()));
}
