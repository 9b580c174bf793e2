package org.audiostream.control;

/**
 * A {@code uuid_audio_stream} reply line as fs_cli prints it: {@code +OK <text>}, {@code -ERR <text>} or
 * {@code -USAGE: <text>}. Threads: immutable.
 *
 * @param kind which of the three prefixes
 * @param text what follows the prefix, without a line break
 */
public record Reply(Kind kind, String text) {

    /** The reply prefixes. */
    public enum Kind {
        OK("+OK "),
        ERR("-ERR "),
        USAGE("-USAGE: ");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /** mod_audio_stream's success reply, {@code +OK Success}. */
    public static final Reply SUCCESS = ok("Success");

    public Reply {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("reply text must be one line: " + text);
        }
    }

    public static Reply ok(String text) {
        return new Reply(Kind.OK, text);
    }

    public static Reply err(String text) {
        return new Reply(Kind.ERR, text);
    }

    public static Reply usage(String text) {
        return new Reply(Kind.USAGE, text);
    }

    /** {@code true} for {@code +OK}. */
    public boolean isOk() {
        return kind == Kind.OK;
    }

    /** The reply as one line without its line break, e.g. {@code -ERR no such session}. */
    public String line() {
        return kind.prefix + text;
    }

    /** The reply as sent on the wire, with mod_audio_stream's trailing {@code \n}. */
    public String wire() {
        return line() + "\n";
    }

    @Override
    public String toString() {
        return line();
    }
}
