package org.audiostream.config;

import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which stream targets a call may be sent to ({@code stream.allowed_targets}), or which targets get the
 * configured extra headers ({@code stream.extra_headers_targets}). Entries are separated by commas or
 * spaces; each is {@code [scheme://]host[:port][/path-prefix]}:
 * <ul>
 *   <li>no scheme matches {@code ws} and {@code wss}; no port matches every port; no path matches every path;
 *   <li>{@code host} is compared exactly (case-insensitive) with the URL's host as written: a name, an IPv4
 *       literal or a bracketed IPv6 literal; {@code *.example.com} matches every name below example.com
 *       (not example.com itself);
 *   <li>a path prefix matches the same path or one below it ({@code /app} matches {@code /app},
 *       {@code /app/x} and {@code /app?q}, not {@code /application}); a target path with a dot segment
 *       ({@code ..}, {@code .}, also percent-encoded or behind {@code %2F} or a backslash) never matches a
 *       path prefix;
 *   <li>{@code *} alone matches every target.
 * </ul>
 * The target's host is matched as written, never resolved: an allowed name is trusted to resolve where its
 * owner says.
 *
 * <p>Threads: immutable.
 */
public record TargetAllowList(List<Entry> entries) {

    /** Matches nothing. */
    public static final TargetAllowList NONE = new TargetAllowList(List.of());

    /**
     * One entry.
     *
     * @param scheme {@code ws}, {@code wss} or {@code null} for both
     * @param host lower case; starts with {@code *.} for a domain wildcard; {@code *} for every target
     * @param port the port, or -1 for any
     * @param pathPrefix the path prefix, or {@code null} for any path
     */
    public record Entry(String scheme, String host, int port, String pathPrefix) {

        boolean matches(String targetScheme, String targetHost, int targetPort, String targetPath) {
            if (host.equals("*")) {
                return true;
            }
            if (scheme != null && !scheme.equals(targetScheme)) {
                return false;
            }
            if (port >= 0 && port != targetPort) {
                return false;
            }
            String h = targetHost.toLowerCase(Locale.ROOT);
            boolean hostMatches = host.startsWith("*.") ? h.endsWith(host.substring(1)) && h.length() > host.length() - 1
                    : host.equals(h);
            return hostMatches && (pathPrefix == null || pathMatches(targetPath));
        }

        private boolean pathMatches(String targetPathAndQuery) {
            int query = targetPathAndQuery.indexOf('?');
            String path = query < 0 ? targetPathAndQuery : targetPathAndQuery.substring(0, query);
            if (hasDotSegment(path)) {
                return false;
            }
            if (pathPrefix.endsWith("/")) {
                return path.startsWith(pathPrefix);
            }
            return path.equals(pathPrefix) || path.startsWith(pathPrefix + "/");
        }

        @Override
        public String toString() {
            if (host.equals("*")) {
                return "*";
            }
            return (scheme == null ? "" : scheme + "://") + host + (port < 0 ? "" : ":" + port)
                    + (pathPrefix == null ? "" : pathPrefix);
        }
    }

    public TargetAllowList {
        entries = List.copyOf(entries);
    }

    /**
     * Parses the list; {@code none} or empty text is the empty list.
     *
     * @throws IllegalArgumentException naming the entry that does not parse
     */
    public static TargetAllowList parse(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("none")) {
            return NONE;
        }
        List<Entry> out = new ArrayList<>();
        for (String entry : t.split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                out.add(entry(entry));
            }
        }
        return new TargetAllowList(out);
    }

    private static Entry entry(String text) {
        if (text.equals("*")) {
            return new Entry(null, "*", -1, null);
        }
        String rest = text;
        String scheme = null;
        int sep = rest.indexOf("://");
        if (sep >= 0) {
            scheme = rest.substring(0, sep).toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                throw new IllegalArgumentException("\"" + text + "\": scheme must be ws or wss");
            }
            rest = rest.substring(sep + 3);
        }
        int slash = rest.indexOf('/');
        String path = slash < 0 ? null : rest.substring(slash);
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("\"" + text + "\": unclosed '['");
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("\"" + text + "\": unexpected text after the IPv6 host");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (!validHost(host)) {
            throw new IllegalArgumentException("\"" + text + "\": host must be a name, an IP literal or *.domain");
        }
        int port = -1;
        if (portText != null) {
            if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65535) {
                throw new IllegalArgumentException("\"" + text + "\": port must be 1-65535");
            }
            port = Integer.parseInt(portText);
        }
        if (path != null && (path.indexOf('?') >= 0 || hasDotSegment(path))) {
            throw new IllegalArgumentException("\"" + text + "\": a path prefix has no query and no dot segments");
        }
        return new Entry(scheme, host.toLowerCase(Locale.ROOT), port, path);
    }

    /**
     * Whether a target is allowed.
     *
     * @param scheme {@code ws} or {@code wss}
     * @param host the host as written in the URL (IPv6 with brackets)
     * @param port the port, explicit or the scheme's default
     * @param pathAndQuery the path with its query
     */
    public boolean allows(String scheme, String host, int port, String pathAndQuery) {
        for (Entry e : entries) {
            if (e.matches(scheme, host, port, pathAndQuery)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the list is the wildcard {@code *} (everything allowed). */
    public boolean allowsEverything() {
        return entries.stream().anyMatch(e -> e.host().equals("*"));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private static boolean validHost(String host) {
        if (host.startsWith("[")) {
            return host.endsWith("]") && NetUtil.isValidIpV6Address(host.substring(1, host.length() - 1));
        }
        String name = host.startsWith("*.") ? host.substring(2) : host;
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            return false;
        }
        return name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-');
    }

    private static boolean hasDotSegment(String path) {
        String p = path.toLowerCase(Locale.ROOT).replace("%2e", ".").replace("%2f", "/").replace('\\', '/');
        for (String segment : p.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        if (entries.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>(entries.size());
        entries.forEach(e -> parts.add(e.toString()));
        return String.join(", ", parts);
    }
}
