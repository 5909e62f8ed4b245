package dev.chat.daemon.store;

/**
 * Every Redis key chatd uses, in one place: {@link RedisStore} (history, accounts) and the
 * cluster (names, presence, the event stream, the id sequence) share one Redis database, and the
 * cluster's scripts number a message and store it in the history in one atomic step, so both
 * must agree on these names and on {@link RedisRecords}.
 */
public final class RedisKeys {
    /** INCR: the cluster-wide message id sequence (PROTOCOL.md 18.3: one sequence for all messages). */
    public static final String SEQUENCE = "chat:seq";
    /** STREAM: room messages, private messages for online users, joins, leaves and away states, in one order. */
    public static final String EVENTS = "chat:events";
    /** SET: node ids that announced themselves. */
    public static final String NODES = "chat:nodes";
    /** ZSET score = id, member = id SEP the history keys holding it: every stored message, for retention by count. */
    public static final String BY_ID = "chat:index:id";
    /** ZSET score = epoch ms, the same members: for retention by age. */
    public static final String BY_TIME = "chat:index:time";
    /** SET: registered keys. */
    public static final String ACCOUNTS = "chat:accounts";

    private RedisKeys() {
    }

    /** STRING with a TTL: {@code node TAB token TAB since TAB name} of whoever holds the name's key. */
    public static String name(String key) {
        return "chat:name:" + key;
    }

    /** STRING with a TTL: the node's heartbeat. */
    public static String node(String nodeId) {
        return "chat:node:" + nodeId;
    }

    /** HASH key -> display name: the users online on the node. */
    public static String presence(String nodeId) {
        return "chat:presence:" + nodeId;
    }

    /** HASH key -> away reason: the node's users that are away (PROTOCOL.md 19.1). */
    public static String away(String nodeId) {
        return "chat:away:" + nodeId;
    }

    /** ZSET score = id, member = {@link RedisRecords#room}: a room's history. */
    public static String room(String room) {
        return "chat:room:" + room;
    }

    /** ZSET score = id, member = {@link RedisRecords#privateMessage}: the user's private history. */
    public static String privates(String userKey) {
        return "chat:privates:" + userKey;
    }

    /** LIST of {@link RedisRecords#privateMessage}: the registered user's undelivered offline messages. */
    public static String offline(String userKey) {
        return "chat:offline:" + userKey;
    }

    /** HASH: display, hash, locked, created (epoch ms). */
    public static String account(String key) {
        return "chat:account:" + key;
    }
}
