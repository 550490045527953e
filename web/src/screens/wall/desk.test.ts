import { leaderChoices } from './desk';

describe('leaderChoices', () => {
  it('lists the small grid’s leaders first, then those of each grid above, leaders before deputies and workers', () => {
    const grid = {
      id: 's',
      name: '1号楼',
      leaders: [
        { id: 'w', name: '王网格员', role: 'WORKER' as const },
        { id: 'l', name: '李网格长', role: 'LEADER' as const },
      ],
      parent: {
        id: 'm',
        name: '阳光小区',
        leaders: [],
        parent: { id: 'c', name: '东社区', leaders: [{ id: 'c1', name: '赵书记', role: 'LEADER' as const }] },
      },
    };
    expect(leaderChoices(grid).map((l) => `${l.gridName}:${l.name}`)).toEqual(['1号楼:李网格长', '1号楼:王网格员', '东社区:赵书记']);
    expect(leaderChoices(null)).toEqual([]);
  });
});
