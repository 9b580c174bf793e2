package org.audiostream.control;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.audiostream.call.sip.HangupCause;

/**
 * The call-control commands, with FreeSWITCH's names so that an app acts on what it hears (seed §8.2:
 * transfer to a human, retry, or hang up):
 *
 * <pre>
 * uuid_kill &lt;uuid&gt; [cause]                 cause: a name of {@link HangupCause}, default NORMAL_CLEARING
 * uuid_deflect &lt;uuid&gt; &lt;sip-uri&gt;          sip: or sips:, at most {@value #MAX_URI_LENGTH} characters
 * uuid_send_dtmf &lt;uuid&gt; &lt;digits&gt;[@ms]    0-9 * # A-D, at most {@value #MAX_DIGITS}; 40-2000 ms each (default 100)
 * uuid_break &lt;uuid&gt;
 * </pre>
 *
 * Threads: stateless; any thread.
 */
final class CallControlParser {

    static final int MAX_URI_LENGTH = 512;
    static final int MAX_DIGITS = 32;
    static final int DEFAULT_DTMF_MS = 100;
    private static final Pattern DIGITS = Pattern.compile("[0-9*#A-Da-d]{1," + MAX_DIGITS + "}");
    private static final Pattern URI = Pattern.compile("sips?:[!-~]+", Pattern.CASE_INSENSITIVE);

    private CallControlParser() {
    }

    /** Whether {@code word} names a call-control command. */
    static boolean isCallControl(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "uuid_kill", "uuid_deflect", "uuid_send_dtmf", "uuid_break" -> true;
            default -> false;
        };
    }

    /**
     * @param name the command word (checked by {@link #isCallControl})
     * @param uuid the checked uuid, or null when missing
     * @param argument the rest of the line, or null
     */
    static CommandParseResult parse(String name, String uuid, String argument) {
        String command = name.toLowerCase(Locale.ROOT);
        if (uuid == null) {
            return usage(command);
        }
        return switch (command) {
            case "uuid_kill" -> kill(uuid, argument);
            case "uuid_deflect" -> argument == null ? usage(command) : deflect(uuid, argument);
            case "uuid_send_dtmf" -> argument == null ? usage(command) : dtmf(uuid, argument);
            default -> argument == null ? parsed(new Command.Break(uuid))
                    : refuse("uuid_break takes no arguments after the uuid");
        };
    }

    private static CommandParseResult kill(String uuid, String cause) {
        if (cause == null) {
            return parsed(new Command.Kill(uuid, HangupCause.NORMAL_CLEARING));
        }
        try {
            return parsed(new Command.Kill(uuid, HangupCause.valueOf(cause.trim().toUpperCase(Locale.ROOT))));
        } catch (IllegalArgumentException e) {
            return refuse("cause=\"" + abbreviate(cause) + "\" not one of " + Arrays.toString(HangupCause.values()));
        }
    }

    private static CommandParseResult deflect(String uuid, String uri) {
        String target = uri.trim();
        if (target.length() > MAX_URI_LENGTH) {
            return refuse("sip-uri length=" + target.length() + " > " + MAX_URI_LENGTH);
        }
        if (!URI.matcher(target).matches()) {
            return refuse("sip-uri=\"" + abbreviate(target) + "\" must be one sip: or sips: URI without spaces");
        }
        return parsed(new Command.Deflect(uuid, target));
    }

    private static CommandParseResult dtmf(String uuid, String argument) {
        String text = argument.trim();
        int at = text.indexOf('@');
        String digits = at < 0 ? text : text.substring(0, at);
        if (!DIGITS.matcher(digits).matches()) {
            return refuse("digits=\"" + abbreviate(digits) + "\" must be 1-" + MAX_DIGITS + " of 0-9 * # A-D");
        }
        int ms = DEFAULT_DTMF_MS;
        if (at >= 0) {
            String msText = text.substring(at + 1);
            ms = msText.matches("[0-9]{1,4}") ? Integer.parseInt(msText) : -1;
            if (ms < 40 || ms > 2000) {
                return refuse("tone duration=\"" + abbreviate(msText) + "\" must be 40-2000 ms");
            }
        }
        return parsed(new Command.SendDtmf(uuid, digits.toUpperCase(Locale.ROOT), ms));
    }

    private static CommandParseResult usage(String command) {
        String form = switch (command) {
            case "uuid_kill" -> "uuid_kill <uuid> [cause]";
            case "uuid_deflect" -> "uuid_deflect <uuid> <sip-uri>";
            case "uuid_send_dtmf" -> "uuid_send_dtmf <uuid> <digits>[@<ms>]";
            default -> "uuid_break <uuid>";
        };
        return new CommandParseResult.Refused(Reply.usage(form));
    }

    private static CommandParseResult parsed(Command c) {
        return new CommandParseResult.Parsed(c);
    }

    private static CommandParseResult refuse(String reason) {
        return new CommandParseResult.Refused(Reply.err(reason));
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
