import { digitRuns, findPersonalData } from '../../dialogs/personalData';

const helplines = digitRuns(['Childline: 0800 1111', '116 111', '999 (or 112)']);

describe('personal data in a message', () => {
  it.each([
    ['my number is 07700 900123', ['phone'], 'my number is [phone]'],
    ['email me at kid@example.com', ['email'], 'email me at [email]'],
    ['I live at 12 Oak Street, London', ['address'], 'I live at [address], London'],
    ['my postcode is SW1A 1AA', ['address'], 'my postcode is [address]'],
    ['add me on insta @cool_kid', ['handle'], 'add me on insta [handle]'],
    ['my ip is 192.168.1.2', ['ip'], 'my ip is [ip]'],
    ['text 07700 900123 or kid@example.com', ['phone', 'email'], 'text [phone] or [email]'],
  ])('finds and redacts %p', (text, kinds, redacted) => {
    expect(findPersonalData(text, helplines)).toEqual({ kinds, redacted });
  });

  it.each(['what is 116 111?', 'should I call 0800 1111', 'the launch was on 24 June 2020', 'about 80 experts worked on it from 2018 to 2020', 'what is grooming'])(
    'finds none in %p',
    (text) => {
      expect(findPersonalData(text, helplines)).toBeUndefined();
    },
  );
});
