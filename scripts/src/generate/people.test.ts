import { isValidIdNumber } from '@streetgrid/api/domains/resident/resident.privacy';
import { householdMembers, IdNumbers, Phones, REFERENCE_YEAR } from './people';
import { Random } from './random';

describe('householdMembers', () => {
  const rng = new Random(5);

  it('makes an elderly person living alone a single householder of 65 or more', () => {
    const [only, ...rest] = householdMembers(rng, 'ELDERLY_ALONE');
    expect(rest).toEqual([]);
    expect(only.relation).toBe('HOUSEHOLDER');
    expect(REFERENCE_YEAR - only.birthYear).toBeGreaterThanOrEqual(65);
  });

  it('puts three generations in one household: householder, spouse, child and parents', () => {
    const members = householdMembers(rng, 'THREE_GENERATIONS');
    expect(members.map((m) => m.relation).slice(0, 3)).toEqual(['HOUSEHOLDER', 'SPOUSE', 'CHILD']);
    expect(members.slice(3).every((m) => m.relation === 'PARENT')).toBe(true);
    const householder = members[0];
    expect(members.filter((m) => m.relation === 'PARENT').every((p) => p.birthYear < householder.birthYear)).toBe(true);
  });

  it('names people with a surname and one or two given characters', () => {
    for (let k = 0; k < 200; k++) for (const m of householdMembers(rng)) expect(m.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
  });
});

describe('IdNumbers', () => {
  it('issues valid, unique numbers with the region, birth year and sex they were asked for', () => {
    const rng = new Random(1);
    const ids = new IdNumbers('330105', 0);
    const issued = Array.from({ length: 5000 }, (_, k) => ({ id: ids.next(rng, 1950 + (k % 3), k % 2 ? 'MALE' : 'FEMALE'), k }));
    expect(new Set(issued.map((i) => i.id)).size).toBe(issued.length);
    const wrong = issued.filter(
      ({ id, k }) =>
        !isValidIdNumber(id) || id.slice(0, 6) !== '330105' || Number(id.slice(6, 10)) !== 1950 + (k % 3) || Number(id[16]) % 2 !== k % 2,
    );
    expect(wrong).toEqual([]);
  });

  it('never repeats a number between streets of one county (separate slots)', () => {
    const a = new IdNumbers('330105', 0);
    const b = new IdNumbers('330105', 1);
    const draw = (ids: IdNumbers, seed: number) => {
      const rng = new Random(seed);
      return Array.from({ length: 3000 }, () => ids.next(rng, 1980, 'FEMALE'));
    };
    const fromA = new Set(draw(a, 1));
    expect(draw(b, 1).some((id) => fromA.has(id))).toBe(false);
  });

  it('gives no birth date after the reference year', () => {
    const rng = new Random(2);
    const ids = new IdNumbers('330105', 0);
    for (let k = 0; k < 500; k++) expect(ids.next(rng, REFERENCE_YEAR, 'MALE').slice(6, 10)).toBe(String(REFERENCE_YEAR));
  });
});

describe('Phones', () => {
  it('issues unique mainland mobile numbers', () => {
    const rng = new Random(3);
    const phones = new Phones();
    const issued = Array.from({ length: 2000 }, () => phones.next(rng));
    expect(new Set(issued).size).toBe(issued.length);
    for (const phone of issued) expect(phone).toMatch(/^1[3-9]\d{9}$/);
  });
});
