import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { LrsAccountDto } from './lrs.dto';

const account = (homePage: string) =>
  validateSync(plainToInstance(LrsAccountDto, { homePage, name: 'user-1024' })).map((e) => e.property);

describe(LrsAccountDto.name, () => {
  it('takes a homePage of up to 500 characters', () => {
    const home = 'https://moodle.laichau.edu.vn/';
    expect(account(home + 'a'.repeat(500 - home.length))).toEqual([]);
    expect(account(home + 'a'.repeat(501 - home.length))).toEqual(['homePage']);
  });
});
