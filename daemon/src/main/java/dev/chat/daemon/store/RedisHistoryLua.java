package dev.chat.daemon.store;

/**
 * The Lua that stores a message in the history, as local functions other scripts start with:
 * {@link RedisStore}'s appends and the cluster's scripts (which number a message and store it in
 * one step) share this one copy. Every stored message is also indexed by id and by time
 * ({@link RedisKeys#BY_ID}, {@link RedisKeys#BY_TIME}) so retention finds what to prune, and
 * raises the id sequence to its id (a store written with explicit ids continues above them).
 */
public final class RedisHistoryLua {
    /**
     * {@code store_room(room_key, id, ts, record)} and
     * {@code store_private(from_key, to_key, id, ts, record)}: history keys as
     * {@link RedisKeys#room} and {@link RedisKeys#privates} name them.
     */
    public static final String FUNCTIONS = """
            local SEP = '\\31'
            local function index(id, ts, keys)
              local member = id .. SEP .. keys
              redis.call('ZADD', '%s', id, member)
              redis.call('ZADD', '%s', ts, member)
              local seq = tonumber(redis.call('GET', '%s') or '0')
              if seq < tonumber(id) then redis.call('SET', '%s', id) end
            end
            local function store_room(room_key, id, ts, record)
              redis.call('ZADD', room_key, id, record)
              index(id, ts, room_key)
            end
            local function store_private(from_key, to_key, id, ts, record)
              redis.call('ZADD', from_key, id, record)
              if to_key ~= from_key then redis.call('ZADD', to_key, id, record) end
              index(id, ts, from_key .. SEP .. to_key)
            end
            """.formatted(RedisKeys.BY_ID, RedisKeys.BY_TIME, RedisKeys.SEQUENCE, RedisKeys.SEQUENCE);

    /**
     * KEYS: by id, by time. ARGV: cutoff epoch ms, most messages kept, batch. Deletes up to a
     * batch of messages older than the cutoff or beyond the count, oldest first, from every key
     * that holds them; returns how many.
     */
    public static final String PRUNE = """
            local SEP = '\\31'
            local batch = tonumber(ARGV[3])
            local removed = 0
            local function drop(members)
              for _, member in ipairs(members) do
                if redis.call('ZREM', KEYS[1], member) == 1 then
                  redis.call('ZREM', KEYS[2], member)
                  local id = nil
                  for part in string.gmatch(member, '[^' .. SEP .. ']+') do
                    if id == nil then id = part else redis.call('ZREMRANGEBYSCORE', part, id, id) end
                  end
                  removed = removed + 1
                end
              end
            end
            drop(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1], 'LIMIT', 0, batch))
            local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[2])
            if over > 0 and removed < batch then
              drop(redis.call('ZRANGE', KEYS[1], 0, math.min(over, batch - removed) - 1))
            end
            return removed
            """;

    private RedisHistoryLua() {
    }
}
