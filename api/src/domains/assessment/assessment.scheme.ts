import { badInput } from '../../platform/graphql/errors';

/**
 * 考核评价 — the inputs a month's score is made of, and the street's scheme (a weight and a
 * target per input). Every input is measured over the subject's grid subtree for the month:
 *
 * | code | 指标 | value | better | default weight | default target |
 * |---|---|---|---|---|---|
 * | ON_TIME_CLOSURE | 按期结案率 | closed on time ÷ due to close, cases reported in the month | higher | 25 | 0.95 |
 * | REWORK | 返工率 | cases returned at least once ÷ handled, cases reported in the month | lower | 10 | 0.05 |
 * | SATISFACTION | 满意度 | mean rating ÷ 5, cases reported in the month | higher | 20 | 0.9 |
 * | VISIT_ON_TIME | 走访按期率 | scheduled households not overdue at the month's end ÷ scheduled | higher | 15 | 0.9 |
 * | NEEDS_MATCHED | 需求匹配率 | needs raised in the month with a confirmed helper ÷ needs (not cancelled) | higher | 5 | 0.9 |
 * | NEEDS_DONE | 需求完成率 | needs raised in the month done ÷ needs (not cancelled) | higher | 10 | 0.8 |
 * | WISHES_FULFILLED | 微心愿实现率 | wishes published in the month fulfilled ÷ published | higher | 5 | 0.8 |
 * | WISH_CLAIM_HOURS | 微心愿认领时长 | mean hours from publishing to the first claim | lower | 5 | 48 |
 * | SERVICE_HOURS | 在册党员服务时长 | service hours in the month ÷ registered members (双报到) | higher | 5 | 4 |
 *
 * Points of an input with data: higher is better → weight × min(1, value ÷ target); lower is
 * better → weight × min(1, target ÷ value) (a value of 0 earns the whole weight). The score
 * (0–100) is 100 × Σ points ÷ Σ weights of the inputs with data; an input without data (a zero
 * denominator) earns nothing and does not count. Each input's `points` in the explanation is
 * its share of the score, so they add up to it.
 */
export const ASSESSMENT_INPUTS = [
  { code: 'ON_TIME_CLOSURE', higherIsBetter: true, weight: 25, target: 0.95, max: 1 },
  { code: 'REWORK', higherIsBetter: false, weight: 10, target: 0.05, max: 1 },
  { code: 'SATISFACTION', higherIsBetter: true, weight: 20, target: 0.9, max: 1 },
  { code: 'VISIT_ON_TIME', higherIsBetter: true, weight: 15, target: 0.9, max: 1 },
  { code: 'NEEDS_MATCHED', higherIsBetter: true, weight: 5, target: 0.9, max: 1 },
  { code: 'NEEDS_DONE', higherIsBetter: true, weight: 10, target: 0.8, max: 1 },
  { code: 'WISHES_FULFILLED', higherIsBetter: true, weight: 5, target: 0.8, max: 1 },
  { code: 'WISH_CLAIM_HOURS', higherIsBetter: false, weight: 5, target: 48, max: 8760 },
  { code: 'SERVICE_HOURS', higherIsBetter: true, weight: 5, target: 4, max: 744 },
] as const;

export type AssessmentInputCode = (typeof ASSESSMENT_INPUTS)[number]['code'];
export const INPUT_CODES: readonly AssessmentInputCode[] = ASSESSMENT_INPUTS.map((i) => i.code);

export interface SchemeInput {
  code: AssessmentInputCode;
  weight: number;
  target: number;
}

export const DEFAULT_SCHEME: readonly SchemeInput[] = ASSESSMENT_INPUTS.map(({ code, weight, target }) => ({ code, weight, target }));

/**
 * A scheme as an admin gives it, checked: every code known and given once, weights finite,
 * non-negative and 0–1000, their sum above 0; targets above 0 and at most the input's range
 * (a rate: 1; hours: 744 a month, 8760 to claim). An input left out keeps its default.
 */
export function checkScheme(inputs: readonly { code: string; weight: number; target: number }[]): SchemeInput[] {
  const given = new Map<string, { weight: number; target: number }>();
  inputs.forEach((input, i) => {
    const def = ASSESSMENT_INPUTS.find((d) => d.code === input.code);
    if (!def) throw badInput(`input.inputs.${i}.code`, `is not an assessment input (${INPUT_CODES.join(', ')})`);
    if (given.has(input.code)) throw badInput(`input.inputs.${i}.code`, 'is given twice');
    if (!(Number.isFinite(input.weight) && input.weight >= 0 && input.weight <= 1000))
      throw badInput(`input.inputs.${i}.weight`, 'must be 0 to 1000');
    if (!(Number.isFinite(input.target) && input.target > 0 && input.target <= def.max))
      throw badInput(`input.inputs.${i}.target`, `must be above 0 and at most ${def.max}`);
    given.set(input.code, { weight: input.weight, target: input.target });
  });
  const scheme = DEFAULT_SCHEME.map((d) => ({ code: d.code, ...(given.get(d.code) ?? { weight: d.weight, target: d.target }) }));
  if (!(scheme.reduce((s, i) => s + i.weight, 0) > 0)) throw badInput('input.inputs', 'the weights must add up to more than 0');
  return scheme;
}

/** `YYYY-MM` → the month's [from, to) in China Standard Time (UTC+8), the street's clock. */
export function monthRange(month: string, field = 'month'): { from: Date; to: Date } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw badInput(field, 'must be a month, YYYY-MM');
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (y < 2000 || y > 2100) throw badInput(field, 'must be a month between 2000 and 2100');
  return { from: new Date(Date.UTC(y, mo - 1, 1, -8)), to: new Date(Date.UTC(y, mo, 1, -8)) };
}

/** The `YYYY-MM` `n` months before `month`. */
export function monthBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
