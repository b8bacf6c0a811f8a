namespace BitbucketBlazor.Hosting.SharedState;

/// <summary>
/// The Lua scripts behind <see cref="RedisBoundedStore{TValue}"/>: each runs atomically in Redis,
/// so the store's policy holds across every instance at once.
/// </summary>
/// <remarks>
/// A store with prefix <c>p</c> keeps each entry's (encrypted) value at <c>p e:{member}</c> with a
/// native TTL, and three sorted sets: <c>p live</c> (live members by end of life), <c>p held</c>
/// (all members by when they are forgotten) and one <c>p o:{owner}</c> per owner (members in the
/// order they were added). Times are the app's clock in milliseconds, passed in, so the indexes
/// follow the same clock as the app; the TTL is a backstop for memory. ARGV[1] is the prefix,
/// ARGV[2] the member, ARGV[3] now.
/// </remarks>
internal static class RedisStoreScripts
{
    private const string Common = """
        local p, m, now = ARGV[1], ARGV[2], tonumber(ARGV[3])
        local function forget(x)
          redis.call('DEL', p .. 'e:' .. x)
          redis.call('ZREM', p .. 'live', x)
          redis.call('ZREM', p .. 'held', x)
        end
        local function isHeld(x)
          local s = redis.call('ZSCORE', p .. 'held', x)
          return s and tonumber(s) > now
        end
        local function isLive(x)
          local s = redis.call('ZSCORE', p .. 'live', x)
          return s and tonumber(s) > now
        end
        local function sweep(cap)
          redis.call('ZREMRANGEBYSCORE', p .. 'live', '-inf', now)
          for _, x in ipairs(redis.call('ZRANGEBYSCORE', p .. 'held', '-inf', now, 'LIMIT', 0, 1000)) do forget(x) end
          local excess = redis.call('ZCARD', p .. 'held') - redis.call('ZCARD', p .. 'live') - cap
          if excess > 0 then
            for _, x in ipairs(redis.call('ZRANGE', p .. 'held', 0, excess + cap)) do
              if excess <= 0 then break end
              if not redis.call('ZSCORE', p .. 'live', x) then forget(x); excess = excess - 1 end
            end
          end
        end
        local function write(value, liveUntil, keepUntil, ttl)
          redis.call('SET', p .. 'e:' .. m, value, 'PX', ttl)
          if liveUntil > now then redis.call('ZADD', p .. 'live', liveUntil, m) else redis.call('ZREM', p .. 'live', m) end
          redis.call('ZADD', p .. 'held', keepUntil, m)
        end

        """;

    /// <summary>ARGV 4 value, 5 live until, 6 keep until, 7 TTL ms, 8 capacity, 9 owner cap, 10 owner ('' for none). Returns 1 stored, 0 full.</summary>
    public const string Set = Common + """
        local value, liveUntil, keepUntil, ttl = ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
        local cap, ownerCap, owner = tonumber(ARGV[8]), tonumber(ARGV[9]), ARGV[10]
        sweep(cap)
        local held = isHeld(m)
        if not held and owner ~= '' and ownerCap > 0 then
          local ok = p .. 'o:' .. owner
          local mine = {}
          for _, x in ipairs(redis.call('ZRANGE', ok, 0, -1)) do
            if isLive(x) then table.insert(mine, x) elseif not isHeld(x) then redis.call('ZREM', ok, x) end
          end
          local i = 1
          while #mine - i + 1 >= ownerCap do forget(mine[i]); redis.call('ZREM', ok, mine[i]); i = i + 1 end
        end
        if liveUntil > now and not isLive(m) and redis.call('ZCARD', p .. 'live') >= cap then return 0 end
        if held then forget(m) end
        write(value, liveUntil, keepUntil, ttl)
        if owner ~= '' then
          local ok = p .. 'o:' .. owner
          redis.call('ZADD', ok, redis.call('INCR', p .. 'seq'), m)
          if redis.call('PTTL', ok) < ttl then redis.call('PEXPIRE', ok, ttl) end
        end
        sweep(cap)
        return 1
        """;

    /// <summary>Returns the value while it is held, else nil.</summary>
    public const string Get = Common + """
        if not isHeld(m) then return false end
        return redis.call('GET', p .. 'e:' .. m)
        """;

    /// <summary>Removes and returns the value (the atomic get-and-delete), or nil.</summary>
    public const string Take = Common + """
        if not isHeld(m) then return false end
        local value = redis.call('GET', p .. 'e:' .. m)
        forget(m)
        return value
        """;

    /// <summary>ARGV 4 value, 5 live until, 6 keep until, 7 TTL ms, 8 capacity. Replaces a held value and returns the old one, or nil.</summary>
    public const string Swap = Common + """
        if not isHeld(m) then return false end
        local old = redis.call('GET', p .. 'e:' .. m)
        write(ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]))
        sweep(tonumber(ARGV[8]))
        return old
        """;

    /// <summary>ARGV[2] is the owner here. Returns the owner's newest live value, or nil.</summary>
    public const string FindNewest = Common + """
        for _, x in ipairs(redis.call('ZREVRANGE', p .. 'o:' .. m, 0, -1)) do
          if isLive(x) then return redis.call('GET', p .. 'e:' .. x) end
        end
        return false
        """;

    /// <summary>Returns how many members are live.</summary>
    public const string CountLive = Common + """
        redis.call('ZREMRANGEBYSCORE', p .. 'live', '-inf', now)
        return redis.call('ZCARD', p .. 'live')
        """;
}
