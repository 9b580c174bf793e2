package org.audiostream.call.sip;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a comma-joined header value (RFC 3261 §7.3.1) at commas that are outside quoted strings
 * and angle brackets, so {@code "Bell, A." <sip:a@x>, <sip:b@y;p=1,2>} gives two values.
 * Values are trimmed; empty values are kept so the typed parser can reject them.
 * Threads: stateless; any thread.
 */
final class HeaderValueSplitter {

    private HeaderValueSplitter() {
    }

    static List<String> split(String value) {
        List<String> out = new ArrayList<>(2);
        boolean quoted = false;
        boolean angled = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angled = true;
            } else if (c == '>') {
                angled = false;
            } else if (c == ',' && !angled) {
                out.add(value.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(value.substring(start).strip());
        return out;
    }
}
