import { idCheckChar } from '@streetgrid/api/domains/resident/resident.privacy';
import { personName, pickSurname, surnameOf } from './names';
import { weightedTable, type Random } from './random';

/** The year ages are counted from; fixed so output does not depend on the clock. */
export const REFERENCE_YEAR = 2025;

export type Gender = 'MALE' | 'FEMALE';
export type Relation = 'HOUSEHOLDER' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'GRANDCHILD' | 'SIBLING' | 'OTHER';

/** 户 structures, with shares (%) near those of an old urban street in Zhejiang: small, ageing households. */
export type HouseholdKind =
  | 'ELDERLY_ALONE'
  | 'SINGLE'
  | 'ELDERLY_COUPLE'
  | 'COUPLE'
  | 'PARENTS_ONE_CHILD'
  | 'PARENTS_TWO_CHILDREN'
  | 'THREE_GENERATIONS'
  | 'SINGLE_PARENT'
  | 'SHARED';

const KINDS = weightedTable<HouseholdKind>([
  ['ELDERLY_ALONE', 5],
  ['SINGLE', 16],
  ['ELDERLY_COUPLE', 15],
  ['COUPLE', 11],
  ['PARENTS_ONE_CHILD', 27],
  ['PARENTS_TWO_CHILDREN', 9],
  ['THREE_GENERATIONS', 10],
  ['SINGLE_PARENT', 5],
  ['SHARED', 2],
]);

/** A household member before ids, phones and ID numbers are given. */
export interface Member {
  name: string;
  gender: Gender;
  birthYear: number;
  relation: Relation;
}

/** A household's members, householder first. */
export function householdMembers(rng: Random, kind: HouseholdKind = rng.weighted(KINDS)): Member[] {
  const person = (gender: Gender, age: number, relation: Relation, surname?: string): Member => {
    const birthYear = REFERENCE_YEAR - Math.max(0, Math.min(100, age));
    return { name: personName(rng, gender, birthYear, surname), gender, birthYear, relation };
  };
  /** A couple; either may be the householder (the husband more often, as registered). */
  const couple = (husbandAge: number): Member[] => {
    const wifeAge = husbandAge - rng.int(-1, 5);
    const husband = person('MALE', husbandAge, 'HOUSEHOLDER');
    const wife = person('FEMALE', wifeAge, 'SPOUSE');
    if (rng.chance(0.7)) return [husband, wife];
    return [
      { ...wife, relation: 'HOUSEHOLDER' },
      { ...husband, relation: 'SPOUSE' },
    ];
  };
  const child = (parents: Member[], relation: Relation = 'CHILD'): Member => {
    const youngest = Math.min(...parents.map((p) => REFERENCE_YEAR - p.birthYear));
    const father = parents.find((p) => p.gender === 'MALE');
    const surname = father && rng.chance(0.92) ? surnameOf(father.name) : undefined;
    const age = youngest - rng.int(23, 36);
    return person(rng.chance(0.51) ? 'MALE' : 'FEMALE', age >= 0 ? age : rng.int(0, Math.max(0, youngest - 21)), relation, surname);
  };
  switch (kind) {
    case 'ELDERLY_ALONE':
      return [person(rng.chance(0.7) ? 'FEMALE' : 'MALE', rng.int(65, 96), 'HOUSEHOLDER')];
    case 'SINGLE':
      return [person(rng.chance(0.55) ? 'MALE' : 'FEMALE', rng.int(20, 64), 'HOUSEHOLDER')];
    case 'ELDERLY_COUPLE':
      return couple(rng.int(63, 92));
    case 'COUPLE':
      return couple(rng.int(24, 62));
    case 'PARENTS_ONE_CHILD': {
      const parents = couple(rng.int(26, 58));
      return [...parents, child(parents)];
    }
    case 'PARENTS_TWO_CHILDREN': {
      const parents = couple(rng.int(30, 52));
      return [...parents, child(parents), child(parents)];
    }
    case 'THREE_GENERATIONS': {
      const householderAge = rng.int(33, 58);
      const parents = couple(householderAge);
      const householder = parents[0];
      const grandparentAge = REFERENCE_YEAR - householder.birthYear + rng.int(24, 33);
      const surname = surnameOf(householder.name);
      const elders = rng.chance(0.55)
        ? [person('MALE', grandparentAge, 'PARENT', surname), person('FEMALE', grandparentAge - rng.int(0, 4), 'PARENT')]
        : [person(rng.chance(0.7) ? 'FEMALE' : 'MALE', grandparentAge, 'PARENT', rng.chance(0.5) ? surname : undefined)];
      return [...parents, child(parents), ...elders];
    }
    case 'SINGLE_PARENT': {
      const parent = person(rng.chance(0.75) ? 'FEMALE' : 'MALE', rng.int(30, 55), 'HOUSEHOLDER');
      return [parent, child([parent])];
    }
    case 'SHARED': {
      const householder = person(rng.chance(0.5) ? 'MALE' : 'FEMALE', rng.int(21, 35), 'HOUSEHOLDER');
      if (rng.chance(0.3)) {
        const surname = surnameOf(householder.name);
        return [
          householder,
          person(rng.chance(0.5) ? 'MALE' : 'FEMALE', REFERENCE_YEAR - householder.birthYear + rng.int(-6, 6), 'SIBLING', surname),
        ];
      }
      const others = rng.int(1, 2);
      return [
        householder,
        ...Array.from({ length: others }, () => person(rng.chance(0.5) ? 'MALE' : 'FEMALE', rng.int(20, 38), 'OTHER', pickSurname(rng))),
      ];
    }
  }
}

/** Party and service roles of one resident, drawn from age and sex. */
export interface Roles {
  isPartyMember: boolean;
  /** 在职党员: a working-age member, registered to the community where they live (双报到). */
  isInServicePartyMember: boolean;
  /** 离退休干部 */
  isRetiredCadre: boolean;
  isVolunteer: boolean;
}

/** Roles at rates near a city street's: about 7% party members, most of working age in service. */
export function rolesOf(rng: Random, member: Member): Roles {
  const age = REFERENCE_YEAR - member.birthYear;
  const base = age < 18 ? 0 : age < 26 ? 0.04 : age < 41 ? 0.075 : age < 61 ? 0.085 : 0.11;
  const isPartyMember = rng.chance(base * (member.gender === 'MALE' ? 1.25 : 0.8));
  const isInServicePartyMember = isPartyMember && age >= 22 && age < 60 && rng.chance(0.8);
  const isRetiredCadre = age >= 58 && rng.chance(isPartyMember ? 0.3 : 0.015);
  const isVolunteer = age >= 16 && age <= 78 && rng.chance(isPartyMember ? 0.4 : 0.06);
  return { isPartyMember, isInServicePartyMember, isRetiredCadre, isVolunteer };
}

/** Numbers given per birth date and sex to one street; 500 per date and sex ÷ 10 = 50 streets per county code. */
export const ID_SEQUENCES_PER_STREET = 10;
/** Streets that can share one county's ID-number space, see {@link IdNumbers}. */
export const STREETS_PER_COUNTY = 50;

/**
 * Unique 18-character resident ID numbers (GB 11643): the county's region code, the birth
 * date, a 3-digit sequence whose last digit is odd for men and even for women, and the
 * check character. Each street of a county owns its own block of sequences (`slot`), so
 * streets generated one at a time never collide.
 */
export class IdNumbers {
  private readonly used = new Map<string, number>();

  constructor(
    private readonly regionCode: string,
    private readonly slot: number,
  ) {
    if (!/^\d{6}$/.test(regionCode)) throw new Error(`region code must be 6 digits, got ${regionCode}`);
    if (slot < 0 || slot >= STREETS_PER_COUNTY) throw new Error(`slot must be in [0, ${STREETS_PER_COUNTY}), got ${slot}`);
  }

  next(rng: Random, birthYear: number, gender: Gender): string {
    const lastDay = birthYear === REFERENCE_YEAR ? 181 : isLeap(birthYear) ? 366 : 365;
    for (;;) {
      const date = new Date(Date.UTC(birthYear, 0, rng.int(1, lastDay)));
      const yyyymmdd = `${birthYear}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}`;
      const key = yyyymmdd + gender[0];
      const k = this.used.get(key) ?? 0;
      if (k >= ID_SEQUENCES_PER_STREET) continue;
      this.used.set(key, k + 1);
      const sequence = 2 * (this.slot * ID_SEQUENCES_PER_STREET + k) + (gender === 'MALE' ? 1 : 0);
      const first17 = this.regionCode + yyyymmdd + String(sequence).padStart(3, '0');
      return first17 + idCheckChar(first17);
    }
  }
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Mainland mobile prefixes of the three carriers. */
const MOBILE_PREFIXES = (
  '130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 ' +
  '166 173 177 180 181 182 183 185 186 187 188 189 191 198 199'
).split(' ');

/** Mainland mobile numbers, unique within one street. */
export class Phones {
  private readonly used = new Set<string>();

  next(rng: Random): string {
    for (;;) {
      const phone = rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
      if (this.used.has(phone)) continue;
      this.used.add(phone);
      return phone;
    }
  }
}

/** Whether someone of this age has a phone on record: most adults and teenagers, fewer of the very old. */
export function hasPhone(rng: Random, birthYear: number): boolean {
  const age = REFERENCE_YEAR - birthYear;
  if (age < 14) return false;
  return rng.chance(age < 80 ? 0.96 : 0.6);
}
