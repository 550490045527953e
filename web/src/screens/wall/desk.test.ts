import { departmentChoices, leaderChoices } from './desk';

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

describe('departmentChoices', () => {
  it('puts the departments handling the category first', () => {
    const departments = [
      { id: 'a', name: '司法所', categories: ['DISPUTE'] },
      { id: 'b', name: '城管中队', categories: ['ENVIRONMENT', 'ILLEGAL_CONSTRUCTION'] },
      { id: 'c', name: '街道卫生院', categories: [] },
    ];
    expect(departmentChoices(departments, 'ENVIRONMENT')).toEqual([
      { id: 'b', name: '城管中队', handles: true },
      { id: 'a', name: '司法所', handles: false },
      { id: 'c', name: '街道卫生院', handles: false },
    ]);
  });
});
