package org.audiostream.call.sip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code %HH} escaping of RFC 3261 §25.1 ({@code escaped}) for URI components, decoded as
 * UTF-8 octets, and the inverse for the user part.
 * Threads: stateless; any thread.
 */
final class SipEscaping {

    private static final String USER_UNRESERVED = "-_.!~*'()&=+$,;?/";

    private SipEscaping() {
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Index of the first malformed escape ({@code %} not followed by two hex digits), or -1. */
    static int badEscapeAt(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%' && (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2)))) {
                return i;
            }
        }
        return -1;
    }

    /** Decodes {@code %HH} escapes; assumes {@link #badEscapeAt} found none. */
    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s, i + 1, i + 3, 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Escapes everything outside unreserved / user-unreserved (RFC 3261 §25.1 {@code user}). */
    static String escapeUser(String user) {
        StringBuilder sb = new StringBuilder(user.length());
        for (byte b : user.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || USER_UNRESERVED.indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
