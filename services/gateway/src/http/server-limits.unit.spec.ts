import { DEFAULT_HTTP_LIMITS, httpLimitsFromEnv, nodeServerOptions } from './server-limits.js';

describe('HTTP limits from the environment (DEW_HTTP_…)', () => {
  it('no variables: the documented defaults', () => {
    expect(httpLimitsFromEnv({})).toEqual(DEFAULT_HTTP_LIMITS);
  });

  it('each variable overrides its limit, empty ones keep the default', () => {
    const limits = httpLimitsFromEnv({
      DEW_HTTP_MAX_HEADER_BYTES: '8192',
      DEW_HTTP_MAX_REQUESTS_PER_SOCKET: '5',
      DEW_HTTP_KEEP_ALIVE_TIMEOUT_MS: '5000',
      DEW_HTTP_HEADERS_TIMEOUT_MS: '2000',
      DEW_HTTP_REQUEST_TIMEOUT_MS: '4000',
      DEW_HTTP_CONNECTION_TIMEOUT_MS: '',
      DEW_HTTP_MAX_IN_FLIGHT: '3',
    });
    expect(limits).toEqual({ maxHeaderBytes: 8192, maxRequestsPerSocket: 5, keepAliveTimeoutMs: 5000, headersTimeoutMs: 2000, requestTimeoutMs: 4000, connectionTimeoutMs: DEFAULT_HTTP_LIMITS.connectionTimeoutMs, maxInFlight: 3, maxInFlightPerCaller: 1, maxInFlightUnverified: 1 });
  });

  it('the shares follow DEW_HTTP_MAX_IN_FLIGHT (an eighth per caller, a quarter unverified) unless set', () => {
    expect(httpLimitsFromEnv({ DEW_HTTP_MAX_IN_FLIGHT: '1000' })).toMatchObject({ maxInFlight: 1000, maxInFlightPerCaller: 125, maxInFlightUnverified: 250 });
    expect(httpLimitsFromEnv({ DEW_HTTP_MAX_IN_FLIGHT: '8', DEW_HTTP_MAX_IN_FLIGHT_PER_CALLER: '2', DEW_HTTP_MAX_IN_FLIGHT_UNVERIFIED: '3' })).toMatchObject({ maxInFlight: 8, maxInFlightPerCaller: 2, maxInFlightUnverified: 3 });
  });

  it('a share above the limit itself: the start stops, naming the variable and the limit as its bound', () => {
    expect(() => httpLimitsFromEnv({ DEW_HTTP_MAX_IN_FLIGHT: '8', DEW_HTTP_MAX_IN_FLIGHT_PER_CALLER: '9' })).toThrow('DEW_HTTP_MAX_IN_FLIGHT_PER_CALLER must be a whole number from 1 to 8, got "9"');
    expect(() => httpLimitsFromEnv({ DEW_HTTP_MAX_IN_FLIGHT_UNVERIFIED: '257' })).toThrow('DEW_HTTP_MAX_IN_FLIGHT_UNVERIFIED must be a whole number from 1 to 256, got "257"');
  });

  it.each([
    ['DEW_HTTP_MAX_IN_FLIGHT', '0'],
    ['DEW_HTTP_MAX_IN_FLIGHT_PER_CALLER', '0'],
    ['DEW_HTTP_MAX_IN_FLIGHT', '-1'],
    ['DEW_HTTP_MAX_HEADER_BYTES', '16k'],
    ['DEW_HTTP_HEADERS_TIMEOUT_MS', '1.5'],
    ['DEW_HTTP_MAX_HEADER_BYTES', '99999999'],
  ])('%s=%s: the start stops, naming the variable, its bounds and the value', (name, value) => {
    expect(() => httpLimitsFromEnv({ [name]: value })).toThrow(new RegExp(`^${name} must be a whole number from \\d+ to \\d+, got "${value.replace('.', '\\.')}"$`));
  });

  it('a headers timeout above the request timeout (which Node refuses): the start stops, naming both', () => {
    expect(() => httpLimitsFromEnv({ DEW_HTTP_HEADERS_TIMEOUT_MS: '20000', DEW_HTTP_REQUEST_TIMEOUT_MS: '10000' })).toThrow(/DEW_HTTP_HEADERS_TIMEOUT_MS \(20000\) must not exceed DEW_HTTP_REQUEST_TIMEOUT_MS \(10000\)/);
  });

  it("Node checks the timeouts four times per headers timeout, not every 30 s", () => {
    expect(nodeServerOptions({ ...DEFAULT_HTTP_LIMITS, headersTimeoutMs: 2000 })).toMatchObject({ headersTimeout: 2000, connectionsCheckingInterval: 500 });
  });
});
