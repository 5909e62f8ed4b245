package dev.chat.daemon.cluster;

import dev.chat.daemon.store.RedisHistoryLua;

/**
 * The cluster's Lua scripts. Each runs atomically in Redis: a claim cannot interleave with
 * another node's claim, and a message's id, its history entry and its place in the event stream
 * are one step, so the stream's order is the ids' order and a message in the stream is in the
 * history. A claim's value is {@code node TAB token TAB since TAB name}
 * ({@link dev.chat.daemon.store.RedisKeys#name}).
 */
final class ClusterScripts {
    /**
     * KEYS: name. ARGV: node, ttl ms, presented token or '', new value. Returns {'new'}, {'local'}
     * (this node holds it: the core decides), {'resumed', since} (the token matched another
     * node's hold: taken over) or {'taken'}.
     */
    static final String CLAIM = """
            local cur = redis.call('GET', KEYS[1])
            if not cur then
              redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[2])
              return {'new'}
            end
            local node, token, since = string.match(cur, '^([^\\t]*)\\t([^\\t]*)\\t([^\\t]*)\\t')
            if node == ARGV[1] then return {'local'} end
            if ARGV[3] ~= '' and token ~= '' and token == ARGV[3] then
              redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[2])
              return {'resumed', since}
            end
            return {'taken'}
            """;

    /**
     * KEYS: name, presence, events. ARGV: node, value, ttl ms, key, name, stream max length.
     * Records the joined session's claim (unless another node took it meanwhile) and announces it.
     */
    static final String JOIN = """
            local cur = redis.call('GET', KEYS[1])
            if cur and string.sub(cur, 1, #ARGV[1] + 1) ~= ARGV[1] .. '\\t' then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            redis.call('HSET', KEYS[2], ARGV[4], ARGV[5])
            redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[6], '*', 'k', 'j', 'n', ARGV[1], 'key', ARGV[4], 'nm', ARGV[5])
            return 1
            """;

    /**
     * KEYS: name, presence, events, away. ARGV: node, value or '', key, name, reason, held '1'/'0',
     * stream max length. Announces the leave (its away state ends with it); frees the name if it
     * is still this session's claim (the value is the token check) and not held.
     */
    static final String LEAVE = """
            redis.call('HDEL', KEYS[2], ARGV[3])
            redis.call('HDEL', KEYS[4], ARGV[3])
            if ARGV[6] == '0' and ARGV[2] ~= '' and redis.call('GET', KEYS[1]) == ARGV[2] then
              redis.call('DEL', KEYS[1])
            end
            redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[7], '*', 'k', 'l', 'n', ARGV[1], 'key', ARGV[3], 'nm', ARGV[4], 'r', ARGV[5])
            return 1
            """;

    /**
     * KEYS: presence, away, events. ARGV: node, key, name, reason ('' : back), stream max length.
     * Records and announces a user's away state while it is online on the node (a leave that
     * overtook it ended the state already).
     */
    static final String AWAY = """
            if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 0 then return 0 end
            if ARGV[4] == '' then redis.call('HDEL', KEYS[2], ARGV[2]) else redis.call('HSET', KEYS[2], ARGV[2], ARGV[4]) end
            redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[5], '*', 'k', 'a', 'n', ARGV[1], 'key', ARGV[2], 'nm', ARGV[3], 'r', ARGV[4])
            return 1
            """;

    /** KEYS: name. ARGV: value. Deletes the claim only if it is still exactly this value. */
    static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    /**
     * KEYS: names. ARGV: node, ttl ms, values (one per key). Extends each claim that is this
     * node's, sets it again where it vanished (Redis restarted without its data), and returns 0
     * for a key another node holds now.
     */
    static final String REFRESH = """
            local out = {}
            for i, key in ipairs(KEYS) do
              local cur = redis.call('GET', key)
              local value = ARGV[i + 2]
              if (not cur) or cur == value or string.sub(cur, 1, #ARGV[1] + 1) == ARGV[1] .. '\\t' then
                redis.call('SET', key, value, 'PX', ARGV[2])
                out[i] = 1
              else
                out[i] = 0
              end
            end
            return out
            """;

    /**
     * KEYS: sequence, events, room history. ARGV: node, from name, from key, text, ts, history
     * record tail, stream max length, action '1'/'0' (in the stream only: the history keeps no
     * flag, PROTOCOL.md 19.4). Returns the message id.
     */
    static final String POST = RedisHistoryLua.FUNCTIONS + """
            local id = redis.call('INCR', KEYS[1])
            store_room(KEYS[3], id, ARGV[5], id .. ARGV[6])
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[7], '*', 'k', 'm', 'n', ARGV[1], 'id', id,
              'f', ARGV[2], 'fk', ARGV[3], 'x', ARGV[4], 'ts', ARGV[5], 'a', ARGV[8])
            return id
            """;

    /**
     * KEYS: sequence, events, sender's privates, recipient's privates, recipient's offline list.
     * ARGV: node, from name, to name, to key, text, ts, history record tail, stream max length,
     * delivery ('live', 'held', 'offline'), most offline messages, action '1'/'0'. Returns the id,
     * or the error OFFLINE_FULL.
     */
    static final String PRIVATE = RedisHistoryLua.FUNCTIONS + """
            if ARGV[9] == 'offline' and redis.call('LLEN', KEYS[5]) >= tonumber(ARGV[10]) then
              return redis.error_reply('OFFLINE_FULL')
            end
            local id = redis.call('INCR', KEYS[1])
            local record = id .. ARGV[7]
            store_private(KEYS[3], KEYS[4], id, ARGV[6], record)
            if ARGV[9] == 'offline' then redis.call('RPUSH', KEYS[5], record) end
            if ARGV[9] == 'live' then
              redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[8], '*', 'k', 'p', 'n', ARGV[1], 'id', id,
                'f', ARGV[2], 't', ARGV[3], 'tk', ARGV[4], 'x', ARGV[5], 'ts', ARGV[6], 'a', ARGV[11])
            end
            return id
            """;

    /**
     * KEYS: sequence, events. Returns {highest id, last stream entry id}, read together: every
     * message up to that id is in the history, and every later one is in the stream after that
     * entry (POST and PRIVATE do both in one step).
     */
    static final String POSITION = """
            local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
            local entry = '0-0'
            if last[1] then entry = last[1][1] end
            return {tonumber(redis.call('GET', KEYS[1]) or '0'), entry}
            """;

    /** KEYS: sequence. ARGV: floor. Raises the sequence to at least the floor (Redis came back without it). */
    static final String SEQUENCE_FLOOR = """
            local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
            if cur < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
            return 1
            """;

    private ClusterScripts() {
    }
}
