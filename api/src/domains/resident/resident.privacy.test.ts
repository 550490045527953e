import { idCheckChar, isValidIdNumber, isValidPhone, maskIdNumber, maskPhone } from './resident.privacy';

describe('masking personal data', () => {
  it('masks a mobile number to its prefix and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('masks an ID-card number to its region and last four characters', () => {
    expect(maskIdNumber('33010619850312123X')).toBe('330106********123X');
  });
  it('passes null through and hides short values whole', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskIdNumber('123')).toBe('***');
  });
});

describe('validating personal data', () => {
  it('accepts an ID number with the right check character', () => {
    const first17 = '33010619850312123';
    expect(isValidIdNumber(first17 + idCheckChar(first17))).toBe(true);
  });
  it('refuses a wrong check character, a bad date and a short number', () => {
    const first17 = '33010619850312123';
    const wrong = idCheckChar(first17) === '0' ? '1' : '0';
    expect(isValidIdNumber(first17 + wrong)).toBe(false);
    expect(isValidIdNumber('330106198502301230')).toBe(false);
    expect(isValidIdNumber('3301061985')).toBe(false);
  });
  it('accepts mobiles and landlines, refuses the rest', () => {
    expect(isValidPhone('13912345678')).toBe(true);
    expect(isValidPhone('0571-87654321')).toBe(true);
    expect(isValidPhone('12345678901')).toBe(false);
    expect(isValidPhone("1' OR 1=1")).toBe(false);
  });
});
