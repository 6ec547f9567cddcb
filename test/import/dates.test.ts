import { FieldError, parseDate, parseNativeDate } from '../../import';

describe('dates as agencies write them', () => {
  it.each([
    ['令和6年4月1日', '2024-04-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['R6.4.1', '2024-04-01'],
    ['R06/04/01', '2024-04-01'],
    ['r6-4-1', '2024-04-01'],
    ['H31.4.30', '2019-04-30'],
    ['平成元年1月8日', '1989-01-08'],
    ['S64.1.7', '1989-01-07'],
    ['S18.5.12', '1943-05-12'],
    ['昭和 47年 8月 8日', '1972-08-08'],
    ['T15.12.24', '1926-12-24'],
    ['Ｒ６．４．１', '2024-04-01'],
    ['5060401', '2024-04-01'],
    ['4310430', '2019-04-30'],
    ['2024/04/01', '2024-04-01'],
    ['2024-4-1', '2024-04-01'],
    ['2024年4月1日', '2024-04-01'],
    ['２０２４／０４／０１', '2024-04-01'],
    ['20240401', '2024-04-01'],
    ['2024/02/29', '2024-02-29'],
  ])('%s is %s', (raw, iso) => {
    expect(parseDate(raw)).toBe(iso);
  });

  it.each([
    ['H31.5.1', /not within 平成/],
    ['R1.4.30', /not within 令和/],
    ['S64.1.8', /not within 昭和/],
    ['R6.2.30', /no such date/],
    ['2023/02/29', /no such date/],
    ['R6.13.1', /no such date/],
    ['R0.4.1', /no such date/],
    ['6060401', /not a date/],
    ['2024/04', /not a date/],
    ['昨日', /not a date/],
    ['1800/01/01', /before 明治/],
  ])('%s is refused', (raw, message) => {
    expect(() => parseDate(raw)).toThrow(FieldError);
    expect(() => parseDate(raw)).toThrow(message);
  });

  it('gives the native YYYYMMDD form', () => {
    expect(parseNativeDate('令和8年3月10日')).toBe('20260310');
  });
});
