/**
 * Personal information (PIPL): ID-card numbers and phones leave the API masked unless
 * the caller's role may see them. These functions are the one place masking happens.
 */

/** 138****5678 — keeps the carrier prefix and the last four digits. */
export function maskPhone(phone: string | null): string | null {
  if (phone == null) return null;
  if (phone.length <= 4) return '*'.repeat(phone.length);
  const keepHead = phone.length >= 11 ? 3 : 0;
  return phone.slice(0, keepHead) + '*'.repeat(phone.length - keepHead - 4) + phone.slice(-4);
}

/** 330106********123X — keeps the region (6) and the last four characters. */
export function maskIdNumber(id: string | null): string | null {
  if (id == null) return null;
  if (id.length < 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999: 18 characters, a real birth date, and the ISO 7064 MOD 11-2 check digit. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const mo = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1900) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

/** Computes the check character for the first 17 digits (used by the demo generator). */
export function idCheckChar(first17: string): string {
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return ID_CHECK[sum % 11];
}

/** Mainland mobile (1[3-9]xxxxxxxxx) or a landline with area code (0xx-xxxxxxxx). */
export function isValidPhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone) || /^0\d{2,3}-?\d{7,8}$/.test(phone);
}
