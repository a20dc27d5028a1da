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
    expect(limits).toEqual({ maxHeaderBytes: 8192, maxRequestsPerSocket: 5, keepAliveTimeoutMs: 5000, headersTimeoutMs: 2000, requestTimeoutMs: 4000, connectionTimeoutMs: DEFAULT_HTTP_LIMITS.connectionTimeoutMs, maxInFlight: 3 });
  });

  it.each([
    ['DEW_HTTP_MAX_IN_FLIGHT', '0'],
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
