package org.audiostream.config;

/** An inclusive UDP port range such as {@code 20000-29999}. */
public record PortRange(int first, int last) {

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
