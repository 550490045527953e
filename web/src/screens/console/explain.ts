import { CombinedGraphQLErrors } from '@apollo/client';
import type { TFunction } from 'i18next';
import type zhCN from '../../i18n/locales/zh-CN.json';

type FieldKey = keyof (typeof zhCN)['console']['field'];

/** The rules the party chain and appointments are held to (the API's `extensions.rule`), each with its own words. */
export const RULES = [
  'LARGE_GRID_LEADER',
  'MEDIUM_GRID_LEADER',
  'SMALL_GRID_LEADER',
  'SECRETARY_PARTY_MEMBER',
  'SECRETARY_IN_GRID',
  'DEPUTY_NOT_SECRETARY',
] as const;

/** The fields the console's forms send, by the API's name for them (`extensions.field`). */
export const FIELDS = [
  'input.name',
  'input.gridId',
  'input.level',
  'input.secretaryId',
  'input.deputySecretaryId',
  'input.officePhone',
  'input.residentId',
  'input.since',
  'input.duties',
  'input.lng',
  'input.lat',
  'input.hours',
  'input.phone',
  'input.address',
  'input.login',
  'input.gridIds',
  'gridIds',
  'role',
  'reason',
  'id',
] as const;

/**
 * What a refused write means, in the UI's language: a broken rule by its name (大网格长由社区党组织书记担任 …),
 * bad input by the field at fault; anything else as the API said it.
 */
export function explain(t: TFunction, error: unknown): string {
  if (!CombinedGraphQLErrors.is(error)) return error instanceof Error ? error.message : String(error);
  const ext = error.errors[0]?.extensions ?? {};
  const rule = typeof ext.rule === 'string' ? ext.rule : null;
  if (rule && (RULES as readonly string[]).includes(rule)) return t(`console.rule.${rule as (typeof RULES)[number]}`);
  const field = typeof ext.field === 'string' ? ext.field : null;
  if (ext.code === 'BAD_USER_INPUT' && field && (FIELDS as readonly string[]).includes(field))
    return t('console.badField', { field: t(`console.field.${field.replace('.', '_') as FieldKey}`), reason: String(ext.reason ?? '') });
  if (ext.code === 'FORBIDDEN') return t('console.forbidden');
  if (ext.code === 'CONFLICT') return t('helper.conflict');
  return error.errors[0]?.message ?? String(error);
}

/** Runs a write, answering its refusal in words (see `explain`). */
export async function explained<T>(t: TFunction, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw new Error(explain(t, error), { cause: error });
  }
}
