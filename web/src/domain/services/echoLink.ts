/** A community's code: its street's 9 digits and its own 3. */
export const COMMUNITY_CODE = /^\d{12}$/;

/** The link to a community's echo wall (回音壁): what a QR code at its door carries, and the resident's page links. */
export function echoLink(communityCode: string): string {
  return `/echo?community=${encodeURIComponent(communityCode)}`;
}
