package org.audiostream.observe;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of every line we write. Two rules, applied to the rendered line:
 * <ol>
 *   <li>every secret value the configuration loaded ({@link #registerSecret}) is replaced by {@code ***};
 *   <li>credential shapes are masked even when nobody registered them: {@code Authorization: Bearer …},
 *       {@code xi-api-key: …}, OpenAI-style {@code sk-…} keys, and {@code api_key=…}/{@code token=…} pairs.
 * </ol>
 * Both layouts ({@link StructuredTextLayout}, {@link StructuredJsonProvider}) call {@link #redact}, so a
 * secret cannot reach a log line even if code logs it by mistake.
 *
 * <p>Threads: thread-safe.
 */
public final class Redactor {

    public static final String MASK = "***";

    /** Shorter values are not registered: masking "1" or "ab" everywhere would garble logs. */
    static final int MIN_SECRET_LENGTH = 4;

    private static final Pattern CREDENTIAL_SHAPES = Pattern.compile(
            "(?i)(bearer\\s+|xi-api-key[\"']?\\s*[:=]\\s*[\"']?|(?:api[_-]?key|token|secret|password)[\"']?\\s*[:=]\\s*[\"']?)"
                    + "([^\\s\"',;}&]+)"
                    + "|\\b(sk-[A-Za-z0-9_-]{8,})");

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private Redactor() {}

    public static void registerSecret(String value) {
        if (value != null && value.length() >= MIN_SECRET_LENGTH) {
            SECRETS.add(value);
        }
    }

    /** For tests: forget the registered values. */
    static void clearRegisteredSecrets() {
        SECRETS.clear();
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : SECRETS) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        Matcher m = CREDENTIAL_SHAPES.matcher(out);
        if (!m.find()) {
            return out;
        }
        StringBuilder sb = new StringBuilder(out.length());
        do {
            String replacement = m.group(1) != null ? m.group(1) + MASK : MASK;
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
