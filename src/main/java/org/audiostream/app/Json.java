package org.audiostream.app;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Small JSON bodies for events and API replies, always correctly escaped. */
final class Json {

    /** Records are written with snake_case names, as the seed's health JSON has them. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    private Json() {}

    /** {@code {"k1":"v1","k2":"v2"}} from alternating names and string values. */
    static String object(String... namesAndValues) {
        ObjectNode node = MAPPER.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return node.toString();
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
