/** A grid code the posts board answers: a community (12 digits), a compound (15) or a small grid (19). */
export const BOARD_CODE = /^\d{12}(\d{3}(\d{4})?)?$/;

/** The short link to a grid's public posts board (岗位公示): what its poster's QR code carries. */
export function postsLink(code: string): string {
  return `/p/${encodeURIComponent(code)}`;
}
