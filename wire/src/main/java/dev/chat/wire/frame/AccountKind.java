package dev.chat.wire.frame;

import com.google.gson.annotations.SerializedName;

/** Whether a joined name is a registered account (its password was checked) or a guest's. */
public enum AccountKind {
    @SerializedName("registered") REGISTERED,
    @SerializedName("guest") GUEST
}
