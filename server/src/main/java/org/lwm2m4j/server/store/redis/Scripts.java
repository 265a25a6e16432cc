package org.lwm2m4j.server.store.redis;

/**
 * The Lua scripts that change one endpoint's keys atomically. Each touches only keys of that
 * endpoint (one hash slot); the shared expiry index is changed by separate commands. A script that
 * finds another registration than the one it was given changes nothing and answers {@code {0, x}}
 * with the expiry {@code x} of what is there ({@code -1}: nothing), so the caller can correct the
 * expiry index; else {@code {1, x}}.
 */
final class Scripts {
  /** Register: replaces whatever the endpoint had. KEYS reg; ARGV id, owner, address, data, expires. */
  static final String PUT = """
      redis.call('DEL', KEYS[1])
      redis.call('HSET', KEYS[1], 'i', ARGV[1], 'o', ARGV[2], 'a', ARGV[3], 'd', ARGV[4], 'x', ARGV[5])
      return {1, tonumber(ARGV[5])}""";

  /** Update: only if the registration id still matches. ARGV as {@link #PUT}. */
  static final String UPDATE = """
      if redis.call('HGET', KEYS[1], 'i') ~= ARGV[1] then
        return {0, tonumber(redis.call('HGET', KEYS[1], 'x') or '-1')}
      end
      redis.call('HSET', KEYS[1], 'o', ARGV[2], 'a', ARGV[3], 'd', ARGV[4], 'x', ARGV[5])
      return {1, tonumber(ARGV[5])}""";

  /** De-register: only if the registration id still matches. KEYS reg; ARGV id. */
  static final String REMOVE = """
      if redis.call('HGET', KEYS[1], 'i') ~= ARGV[1] then
        return {0, tonumber(redis.call('HGET', KEYS[1], 'x') or '-1')}
      end
      redis.call('DEL', KEYS[1])
      return {1, -1}""";

  /** Ownership moves: only if the registration id still matches. KEYS reg; ARGV id, owner, address. */
  static final String CLAIM = """
      if redis.call('HGET', KEYS[1], 'i') ~= ARGV[1] then
        return {0, tonumber(redis.call('HGET', KEYS[1], 'x') or '-1')}
      end
      redis.call('HSET', KEYS[1], 'o', ARGV[2], 'a', ARGV[3])
      return {1, tonumber(redis.call('HGET', KEYS[1], 'x'))}""";

  /**
   * Expiry claim: deletes the registration and its observations only if it still expires by
   * ARGV now, answering {@code {1, field, value, ...}} (the registration's hash) to the one caller
   * that deleted it; {@code {0}} when it is gone, {@code {-1, x}} when it now expires later. KEYS
   * reg, obs.
   */
  static final String EXPIRE = """
      local x = redis.call('HGET', KEYS[1], 'x')
      if not x then return {0} end
      if x == '0' or tonumber(x) > tonumber(ARGV[1]) then return {-1, tonumber(x)} end
      local fields = redis.call('HGETALL', KEYS[1])
      redis.call('DEL', KEYS[1], KEYS[2])
      local answer = {1}
      for _, v in ipairs(fields) do answer[#answer + 1] = v end
      return answer""";

  /** Drops an endpoint from the expiry index only if its entry is due. KEYS expiry; ARGV endpoint, now. */
  static final String UNINDEX_IF_DUE = """
      local s = redis.call('ZSCORE', KEYS[1], ARGV[1])
      if s and tonumber(s) <= tonumber(ARGV[2]) then redis.call('ZREM', KEYS[1], ARGV[1]) end
      return 1""";

  private Scripts() {}
}
