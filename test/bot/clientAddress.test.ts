import { clientAddress, rateLimitKey } from '../../bot/clientAddress';

const request = (forwardedFor: string | undefined, peer = '10.0.0.9') => ({ headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress: peer } }) as never;

describe('who a request comes from', () => {
  it.each([
    ['no proxy trusted: the peer, whatever the header says', '203.0.113.7', 0, '10.0.0.9'],
    ['one proxy: the address it appended', '203.0.113.7', 1, '203.0.113.7'],
    ['one proxy: what the client wrote further left is ignored', '198.51.100.1, 203.0.113.7', 1, '203.0.113.7'],
    ['two proxies: two from the right', '203.0.113.7, 10.1.1.1', 2, '203.0.113.7'],
    ['App Service writes the port', '203.0.113.7:53211', 1, '203.0.113.7'],
    ['an IPv6 address in brackets with a port', '[2001:db8::5]:443', 1, '2001:db8::5'],
    ['a malformed entry: the peer', 'not-an-address', 1, '10.0.0.9'],
    ['no header: the peer', undefined, 1, '10.0.0.9'],
  ])('%s', (_name, header, proxies, expected) => {
    expect(clientAddress(request(header), proxies)).toBe(expected);
  });

  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::1', '0:0:0:0::/64'],
  ])('counts %s as %s', (address, key) => {
    expect(rateLimitKey(address)).toBe(key);
  });
});
