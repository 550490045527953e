import { createI18n } from '../../i18n';
import { badgeText, notificationText } from './text';

describe('notification texts', () => {
  const i18n = createI18n();
  // Keys built at run time: the test asks the catalogue as the component does.
  const say = (key: string, values: Record<string, string>) => (i18n.t as (k: string, o: object) => string)(key, values);

  it('says each kind in Chinese with its case number, and never shows undefined', () => {
    const { key, values } = notificationText('CASE_DISPATCHED', { number: '20261205-0001' });
    expect(say(key, values)).toBe('事件 20261205-0001 已派遣给您，请及时处置');
    const returned = notificationText('CASE_RETURNED', { number: '20261205-0002' });
    expect(say(returned.key, returned.values)).not.toMatch(/undefined|[A-Z_]{4,}/);
    const escalated = notificationText('CASE_ESCALATED', { number: '20261205-0003', note: '超期未处置，系统自动上报' });
    expect(say(escalated.key, escalated.values)).toBe('事件 20261205-0003 已上报至您，请协调处置：超期未处置，系统自动上报');
    const wish = notificationText('WISH_CLAIMED', { title: '一台收音机' });
    expect(say(wish.key, wish.values)).toBe('您的微心愿“一台收音机”已被认领');
  });

  it('caps the badge at 99+', () => {
    expect([badgeText(0), badgeText(7), badgeText(100)]).toEqual(['0', '7', '99+']);
  });
});
