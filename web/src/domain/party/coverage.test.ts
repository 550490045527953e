import { coverageSummary, gapRows, unlistedGaps, type CoverageLike } from './coverage';

const gap = (gridId: string, gridCode: string, gridLevel: 'LARGE' | 'MEDIUM' | 'SMALL') => ({
  gridId,
  gridCode,
  gridName: `网格${gridCode}`,
  gridLevel,
});
const list = (totalCount: number, ...nodes: ReturnType<typeof gap>[]) => ({ totalCount, nodes });

const coverage: CoverageLike = {
  coverageRate: 13 / 14,
  gridsWithoutOrganization: list(1, gap('s2', '3301060010010010002', 'SMALL')),
  gridsWithoutLeader: list(2, gap('s1', '3301060010010010001', 'SMALL'), gap('s2', '3301060010010010002', 'SMALL')),
  organizationsWithoutSecretary: list(5, gap('m1', '330106001001001', 'MEDIUM'), gap('s1', '3301060010010010001', 'SMALL')),
};

describe('party coverage on the wall', () => {
  it('rounds the rate down, so one gap never reads 100%, and counts each kind', () => {
    expect(coverageSummary(coverage, 'zh-CN')).toEqual({
      rate: '92%',
      missingOrganizations: 1,
      missingLeaders: 2,
      missingSecretaries: 5,
      alert: true,
    });
    expect(coverageSummary({ ...coverage, coverageRate: 0.999 }, 'en').rate).toBe('99%');
    expect(coverageSummary({ ...coverage, coverageRate: null }, 'en').rate).toBe('—');
    const none = { totalCount: 0, nodes: [] };
    expect(
      coverageSummary(
        { coverageRate: 1, gridsWithoutOrganization: none, gridsWithoutLeader: none, organizationsWithoutSecretary: none },
        'en',
      ),
    ).toMatchObject({ rate: '100%', alert: false });
  });

  it('merges the gaps per grid, larger grids first, then by code', () => {
    expect(gapRows(coverage).map((r) => [r.code, r.level, r.missing])).toEqual([
      ['330106001001001', 'MEDIUM', ['secretary']],
      ['3301060010010010001', 'SMALL', ['leader', 'secretary']],
      ['3301060010010010002', 'SMALL', ['organization', 'leader']],
    ]);
    expect(gapRows(coverage)[0].name).toBe('网格330106001001001');
  });

  it('counts the gaps beyond the listed ones', () => {
    expect(unlistedGaps(coverage)).toBe(3);
  });
});
