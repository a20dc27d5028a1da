import { parseBridgeArgs } from './p11-bridge-args.js';

const complete = ['--socket', '/run/app/p11.sock', '--address', '127.1.2.4:25698', '--ca', 'ca.pem', '--cert', 'app.pem', '--key', 'app.key'];

test('parseBridgeArgs with every option returns the socket, the addresses in order and the three files', () => {
  expect(parseBridgeArgs([...complete, '--address', '127.1.3.4:25698'])).toEqual({
    socketPath: '/run/app/p11.sock', addresses: ['127.1.2.4:25698', '127.1.3.4:25698'], caFile: 'ca.pem', certFile: 'app.pem', keyFile: 'app.key',
  });
});

test('parseBridgeArgs without --key and --ca names both missing options', () => {
  expect(() => parseBridgeArgs(complete.slice(0, 4).concat(['--cert', 'app.pem']))).toThrow(/^missing --ca, --key\n/);
});

test.each([['127.1.2.4'], ['127.1.2.4:0'], ['127.1.2.4:65536'], ['host name:1']])('parseBridgeArgs refuses --address %j, naming the rule and the value', (address) => {
  const args = [...complete];
  args[3] = address;
  expect(() => parseBridgeArgs(args)).toThrow(`--address must be host:port with a port from 1 to 65535, got ${JSON.stringify(address)}`);
});

test('parseBridgeArgs refuses an unknown option and shows the usage', () => {
  expect(() => parseBridgeArgs([...complete, '--pin', '1234'])).toThrow(/Unknown option '--pin'[\s\S]*usage: dew-hsm-p11-bridge/);
});
