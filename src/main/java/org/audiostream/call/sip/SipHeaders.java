package org.audiostream.call.sip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The header lines of one message in order. Lookups are case-insensitive and accept compact
 * forms ({@code i} finds Call-ID). Public methods only read; the package builds and edits.
 * Threads: built and edited on the SIP event loop; once a message is handed to other code it
 * is no longer edited, so reading from any thread is safe after a happens-before hand-off.
 */
public final class SipHeaders implements Iterable<SipHeader> {

    private final List<SipHeader> lines = new ArrayList<>();

    SipHeaders() {
    }

    /** First value of the header, or {@code null}. For list headers, the whole first line. */
    public String first(String name) {
        String n = SipHeaderNames.canonical(name);
        for (SipHeader h : lines) {
            if (h.name().equalsIgnoreCase(n)) {
                return h.value();
            }
        }
        return null;
    }

    /** Every line of the header, in order. */
    public List<String> lines(String name) {
        String n = SipHeaderNames.canonical(name);
        List<String> out = new ArrayList<>(1);
        for (SipHeader h : lines) {
            if (h.name().equalsIgnoreCase(n)) {
                out.add(h.value());
            }
        }
        return out;
    }

    /** Every value: lines of list-valued headers split at commas (RFC 3261 §7.3.1). */
    public List<String> values(String name) {
        String n = SipHeaderNames.canonical(name);
        List<String> lines = lines(n);
        if (!SipHeaderNames.isList(n)) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            out.addAll(HeaderValueSplitter.split(l));
        }
        return out;
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    /** Number of lines of the header. */
    public int count(String name) {
        return lines(name).size();
    }

    /** All lines in order. */
    public List<SipHeader> asList() {
        return Collections.unmodifiableList(lines);
    }

    @Override
    public Iterator<SipHeader> iterator() {
        return asList().iterator();
    }

    SipHeaders add(String name, String value) {
        lines.add(new SipHeader(SipHeaderNames.canonical(name), value));
        return this;
    }

    /** Inserts a line before all others (our Via on requests we send). */
    SipHeaders addFirst(String name, String value) {
        lines.add(0, new SipHeader(SipHeaderNames.canonical(name), value));
        return this;
    }

    /** Replaces every line of the header with one line (or removes it when value is null). */
    SipHeaders set(String name, String value) {
        remove(name);
        if (value != null) {
            add(name, value);
        }
        return this;
    }

    SipHeaders remove(String name) {
        String n = SipHeaderNames.canonical(name);
        lines.removeIf(h -> h.name().equalsIgnoreCase(n));
        return this;
    }

    /** Replaces the first value of a list header, keeping the rest of its line. */
    void replaceFirstValue(String name, String value) {
        String n = SipHeaderNames.canonical(name);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).name().equalsIgnoreCase(n)) {
                List<String> parts = HeaderValueSplitter.split(lines.get(i).value());
                parts.set(0, value);
                lines.set(i, new SipHeader(n, String.join(", ", parts)));
                return;
            }
        }
    }

    /** Copies every line of {@code name} from {@code other}, in order. */
    void copyFrom(SipHeaders other, String name) {
        for (String v : other.lines(name)) {
            add(name, v);
        }
    }
}
