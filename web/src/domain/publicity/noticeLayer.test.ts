import { noticePoints } from './noticeLayer';

describe('noticePoints', () => {
  it('keeps only published notices with a pin, as points at their pin', () => {
    const points = noticePoints([
      { id: 'a', title: '停水通知', status: 'PUBLISHED', lng: 120.102, lat: 30.252 },
      { id: 'b', title: '草稿', status: 'DRAFT', lng: 120.103, lat: 30.253 },
      { id: 'c', title: '没有标注', status: 'PUBLISHED', lng: null, lat: null },
    ]);
    expect(points.features).toEqual([
      { type: 'Feature', properties: { id: 'a', title: '停水通知' }, geometry: { type: 'Point', coordinates: [120.102, 30.252] } },
    ]);
  });
});
