package org.audiostream.config;

import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a setting's text is turned into a value. A text that does not parse is an error naming the
 * variable and {@link #expected()}; range checks are the {@link Limits}' job, not the type's.
 */
public sealed interface ValueType {

    ValueType INTEGER = new IntegerType();
    ValueType DECIMAL = new DecimalType();
    ValueType BOOLEAN = new BooleanType();
    ValueType TEXT = new TextType();
    ValueType SECRET = new SecretType();
    ValueType PORT_RANGE = new PortRangeType();
    ValueType HOST_PORT = new HostPortType();
    ValueType JSON_OBJECT = new JsonObjectType();
    ValueType ADDRESS_LIST = new AddressListType();
    ValueType TARGET_LIST = new TargetListType();

    static ValueType choice(String... values) {
        return new Choice(List.of(values));
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} with a short reason if it does not parse. */
    Object parse(String text);

    /** What a valid text looks like, for error messages: "an integer", "one of [text, json]". */
    String expected();

    /** How a value is shown in {@code config check} and docs. */
    default String display(Object value) {
        return String.valueOf(value);
    }

    /** How a value of a secret setting is shown: {@code ***}, or its shape with the secret parts masked. */
    default String masked(Object value) {
        return "***";
    }

    /** The parts of a secret setting's value that must never reach a log line (registered with the redactor). */
    default List<String> secretParts(Object value) {
        return value instanceof Secret s ? List.of(s.reveal()) : List.of(String.valueOf(value));
    }

    record IntegerType() implements ValueType {
        @Override
        public Object parse(String text) {
            return Integer.parseInt(text.trim());
        }

        @Override
        public String expected() {
            return "an integer";
        }
    }

    record DecimalType() implements ValueType {
        @Override
        public Object parse(String text) {
            double d = Double.parseDouble(text.trim());
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("not finite");
            }
            return d;
        }

        @Override
        public String expected() {
            return "a number";
        }
    }

    /** FreeSWITCH's {@code switch_true} spellings, so dialplans carry over unchanged. */
    record BooleanType() implements ValueType {
        @Override
        public Object parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1", "enabled", "active", "allow" -> true;
                case "false", "no", "off", "0", "disabled", "inactive", "deny" -> false;
                default -> throw new IllegalArgumentException("not a boolean");
            };
        }

        @Override
        public String expected() {
            return "a boolean (true/false)";
        }
    }

    record TextType() implements ValueType {
        @Override
        public Object parse(String text) {
            return text;
        }

        @Override
        public String expected() {
            return "text";
        }
    }

    record SecretType() implements ValueType {
        @Override
        public Object parse(String text) {
            if (text.isBlank()) {
                throw new IllegalArgumentException("empty");
            }
            return new Secret(text.trim());
        }

        @Override
        public String expected() {
            return "a non-empty secret";
        }

        @Override
        public String display(Object value) {
            return "***";
        }
    }

    record Choice(List<String> values) implements ValueType {
        @Override
        public Object parse(String text) {
            String v = text.trim().toLowerCase(Locale.ROOT);
            if (!values.contains(v)) {
                throw new IllegalArgumentException("not one of " + values);
            }
            return v;
        }

        @Override
        public String expected() {
            return "one of " + values;
        }
    }

    record PortRangeType() implements ValueType {
        @Override
        public Object parse(String text) {
            String[] parts = text.trim().split("-", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("no '-' between the ports");
            }
            int first = port(parts[0]);
            int last = port(parts[1]);
            if (first > last) {
                throw new IllegalArgumentException("first port " + first + " > last port " + last);
            }
            return new PortRange(first, last);
        }

        @Override
        public String expected() {
            return "a port range like 20000-29999";
        }
    }

    record HostPortType() implements ValueType {
        @Override
        public Object parse(String text) {
            String t = text.trim();
            int colon = t.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("no ':port'");
            }
            String host = t.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                throw new IllegalArgumentException("IPv6 addresses need brackets, e.g. [::1]:5060");
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("empty host");
            }
            return new HostPort(host, port(t.substring(colon + 1)));
        }

        @Override
        public String expected() {
            return "host:port, e.g. 127.0.0.1:5060";
        }
    }

    /**
     * A JSON object whose values are strings ({@code STREAM_EXTRA_HEADERS}). Kept as its text. As a secret,
     * its names are shown and its values masked: {@code {"Authorization":"***"}}.
     */
    record JsonObjectType() implements ValueType {
        private static final JsonMapper MAPPER = JsonMapper.builder().build();

        @Override
        public Object parse(String text) {
            JsonNode node;
            try {
                node = MAPPER.readTree(text);
            } catch (JacksonException e) {
                throw new IllegalArgumentException("invalid JSON");
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            for (var entry : node.properties()) {
                if (!entry.getValue().isString()) {
                    throw new IllegalArgumentException("value of \"" + entry.getKey() + "\" is not a string");
                }
            }
            return text.trim();
        }

        @Override
        public String expected() {
            return "a JSON object of strings, e.g. {\"X-Token\":\"abc\"}";
        }

        @Override
        public String masked(Object value) {
            var masked = MAPPER.createObjectNode();
            MAPPER.readTree((String) value).properties().forEach(e -> masked.put(e.getKey(), "***"));
            return masked.toString();
        }

        @Override
        public List<String> secretParts(Object value) {
            List<String> parts = new java.util.ArrayList<>();
            MAPPER.readTree((String) value).properties().forEach(e -> parts.add(e.getValue().asString()));
            return parts;
        }
    }

    /** IP addresses and CIDR blocks ({@link AddressList}). */
    record AddressListType() implements ValueType {
        @Override
        public Object parse(String text) {
            return AddressList.parse(text);
        }

        @Override
        public String expected() {
            return "a list of IP addresses or CIDR blocks, e.g. 10.0.0.0/8, 192.0.2.7, ::1 (or none)";
        }
    }

    /** Stream target patterns ({@link TargetAllowList}). */
    record TargetListType() implements ValueType {
        @Override
        public Object parse(String text) {
            return TargetAllowList.parse(text);
        }

        @Override
        public String expected() {
            return "a list of [ws[s]://]host[:port][/path] patterns, e.g. wss://app.example.com/stream (or none, or *)";
        }
    }

    private static int port(String text) {
        int p = Integer.parseInt(text.trim());
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("port " + p + " outside 1-65535");
        }
        return p;
    }
}
