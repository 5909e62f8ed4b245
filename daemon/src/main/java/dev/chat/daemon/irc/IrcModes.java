package dev.chat.daemon.irc;

import dev.chat.wire.irc.IrcMessage;

import java.util.List;

/**
 * MODE, answered sanely for a server without modes to change: the channel is {@code +nt} and
 * its ban list empty; the client's own modes are none, +i and +w (which clients set at connect)
 * are accepted silently, other changes refused.
 */
final class IrcModes {
    /** When the channel "was created": the codec's start, stable for a daemon's life. */
    private static final long CREATED = System.currentTimeMillis() / 1000;

    private IrcModes() {
    }

    static List<IrcMessage> answer(IrcCodec codec, IrcMessage m) {
        String target = m.param(0);
        if (target == null) {
            return List.of(codec.numeric(Numeric.ERR_NEEDMOREPARAMS, "MODE", "Not enough parameters"));
        }
        String change = m.param(1);
        if (codec.settings.isChannel(target)) {
            String channel = codec.settings.channel();
            if (change == null) {
                return List.of(codec.numeric(Numeric.RPL_CHANNELMODEIS, channel, "+nt"),
                        codec.numeric(Numeric.RPL_CREATIONTIME, channel, Long.toString(CREATED)));
            }
            if (change.equals("b") || change.equals("+b")) {
                return List.of(codec.numeric(Numeric.RPL_ENDOFBANLIST, channel, "End of channel ban list"));
            }
            return List.of(codec.numeric(Numeric.ERR_CHANOPRIVSNEEDED, channel, "You're not channel operator"));
        }
        if (target.startsWith("#")) {
            return List.of(codec.numeric(Numeric.ERR_NOSUCHCHANNEL, target, "No such channel"));
        }
        if (!target.equalsIgnoreCase(codec.nick)) {
            return List.of(codec.numeric(Numeric.ERR_USERSDONTMATCH, "Can't change mode for other users"));
        }
        if (change == null) {
            return List.of(codec.numeric(Numeric.RPL_UMODEIS, "+"));
        }
        if (change.matches("[+-][iw]+")) {
            return List.of(); // invisible, wallops: what clients set at connect (irssi: +i); nothing to change here
        }
        return List.of(codec.numeric(Numeric.ERR_UMODEUNKNOWNFLAG, "Unknown MODE flag"));
    }
}
