import {expect} from '@open-wc/testing';
import {dayLabel, daysBefore, isoDay, startsDay} from '../../src/i18n/day-label.js';

const local = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();

describe('day headings', () => {
  it('counts calendar days, not 24-hour spans', () => {
    expect(daysBefore(local(2026, 3, 4, 23), local(2026, 3, 5, 0))).to.equal(1);
    expect(daysBefore(local(2026, 3, 5, 0), local(2026, 3, 5, 23))).to.equal(0);
    // Across the spring and autumn clock changes of most zones that have them.
    expect(daysBefore(local(2026, 3, 1), local(2026, 4, 1))).to.equal(31);
    expect(daysBefore(local(2026, 10, 20), local(2026, 11, 10))).to.equal(21);
  });

  it('says today and yesterday in the language asked, capitalised, and dates otherwise', () => {
    const now = local(2026, 12, 7, 9);
    expect(dayLabel(local(2026, 12, 7, 1), now, 'en')).to.equal('Today');
    expect(dayLabel(local(2026, 12, 6, 23), now, 'en')).to.equal('Yesterday');
    expect(dayLabel(local(2026, 12, 6), now, 'de')).to.equal('Gestern');
    expect(dayLabel(local(2026, 12, 6), now, 'ar')).to.equal(
      new Intl.RelativeTimeFormat('ar', {numeric: 'auto'}).format(-1, 'day'),
    );
    expect(dayLabel(local(2026, 12, 1), now, 'en')).to.equal('Tuesday, December 1');
    expect(dayLabel(local(2025, 12, 31), now, 'en')).to.equal('Wednesday, December 31, 2025');
    // A server clock a little ahead of the visitor's is still today.
    expect(dayLabel(local(2026, 12, 8, 0), now, 'en')).to.equal('Today');
  });

  it('opens a day at the first message of each, and at the top only for an older day', () => {
    const now = local(2026, 12, 7, 9);
    expect(startsDay(local(2026, 12, 7, 8), undefined, now)).to.equal(false);
    expect(startsDay(local(2026, 12, 6, 8), undefined, now)).to.equal(true);
    expect(startsDay(local(2026, 12, 7, 0), local(2026, 12, 6, 23), now)).to.equal(true);
    expect(startsDay(local(2026, 12, 6, 23), local(2026, 12, 6, 0), now)).to.equal(false);
    expect(startsDay(Number.NaN, local(2026, 12, 6), now)).to.equal(false);
    expect(isoDay(local(2026, 3, 5))).to.equal('2026-03-05');
  });
});
