package org.audiostream.stream.ai.tts;

import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Cuts the model's streamed text into sentences to speak, as early as it safely can.
 *
 * <ul>
 *   <li>A sentence ends at {@code . ? ! …} followed by white space (closing quotes and brackets stay with it),
 *       at {@code ; :} followed by white space, at a line break, and at {@code 。！？} (no space needed).</li>
 *   <li>A full stop is not an end when the next word starts in lower case, after a known abbreviation
 *       ({@code Dr. e.g. etc.}) or a single capital (an initial), nor inside a number ({@code 3.50}, {@code 10:30}
 *       have no space after the mark). An ellipsis follows the full stop's rule.</li>
 *   <li>A piece shorter than the minimum is not cut off: it runs on into the next sentence. Text longer than
 *       the maximum without an end is cut at its last space (or at the maximum if it has none).</li>
 *   <li>When the mark is the last character received, the splitter waits for the next delta to decide;
 *       {@link #flush} (the end of the response) emits whatever is left.</li>
 * </ul>
 *
 * <p>Threads: confined to one thread (the engine's event loop).
 */
public final class SentenceSplitter {

    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs",
            "etc", "e.g", "i.e", "eg", "ie", "no", "nr", "approx", "inc", "ltd", "co", "corp", "mt", "ft", "dept",
            "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "min", "max",
            "ca", "cf", "al", "vol", "ave", "blvd", "rd", "tel", "ext", "p.m", "a.m", "u.s", "u.k");
    private static final String CLOSERS = "\"')]}”’»」』";

    private final int minLength;
    private final int maxLength;
    private final StringBuilder text = new StringBuilder();
    private int scanFrom;

    /**
     * @param minLength shortest sentence cut off on its own (shorter pieces run on)
     * @param maxLength longest text held without an end before it is cut at a space
     */
    public SentenceSplitter(int minLength, int maxLength) {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("need 1 <= minLength <= maxLength: " + minLength + ", " + maxLength);
        }
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** Adds a delta and hands each sentence it completes to {@code out}. */
    public void append(CharSequence delta, Consumer<String> out) {
        text.append(delta);
        int i = scanFrom;
        while (i < text.length()) {
            int end = endOfSentenceAt(i);
            if (end == WAIT) {
                scanFrom = i;
                forceSplitIfTooLong(out);
                return;
            }
            if (end > 0 && emitIfLongEnough(end, out)) {
                i = 0;
                continue;
            }
            i++;
        }
        scanFrom = text.length();
        forceSplitIfTooLong(out);
    }

    /** The response is complete: hands what is left (if anything but white space) to {@code out}. */
    public void flush(Consumer<String> out) {
        emit(text.length(), out);
    }

    /** Drops what is held (the caller interrupted). */
    public void reset() {
        text.setLength(0);
        scanFrom = 0;
    }

    /** Characters held, waiting for the end of their sentence. */
    public int pending() {
        return text.length();
    }

    /**
     * The sentence in progress as far as it is certain: the held text up to its last space, without leading white
     * space (empty if there is none). A later cut never falls before that space (a mark's cut is followed by white
     * space only, a forced cut is at the last space), so the sentence this text begins will start with it, or be it
     * without its trailing white space.
     */
    public String wordsInProgress() {
        int space = text.lastIndexOf(" ");
        return space < 0 ? "" : text.substring(0, space + 1).stripLeading();
    }

    private static final int WAIT = -1;

    /** The cut position if a sentence ends at the mark at {@code i}, 0 if it does not, {@link #WAIT} if unknown yet. */
    private int endOfSentenceAt(int i) {
        char c = text.charAt(i);
        if (c == '\n' || c == '。' || c == '！' || c == '？') {
            return afterClosers(i + 1);
        }
        if (c != '.' && c != '?' && c != '!' && c != ';' && c != ':' && c != '…') {
            return 0;
        }
        int j = afterClosers(i + 1);
        if (j == text.length()) {
            return WAIT;
        }
        if (!Character.isWhitespace(text.charAt(j))) {
            return 0; // 3.50, 10:30, e.g., "?!", "...": not (yet) an end
        }
        if (c != '.' && c != '…') {
            return j;
        }
        int k = j;
        while (k < text.length() && Character.isWhitespace(text.charAt(k))) {
            k++;
        }
        if (k == text.length()) {
            return WAIT;
        }
        if (Character.isLowerCase(text.charAt(k)) || (c == '.' && abbreviationBefore(i))) {
            return 0;
        }
        return j;
    }

    private int afterClosers(int from) {
        int j = from;
        while (j < text.length() && CLOSERS.indexOf(text.charAt(j)) >= 0) {
            j++;
        }
        return j;
    }

    /** Whether the word ending at the full stop {@code dot} is an abbreviation or an initial. */
    private boolean abbreviationBefore(int dot) {
        int start = dot;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1)) && CLOSERS.indexOf(text.charAt(start - 1)) < 0
                && text.charAt(start - 1) != '(') {
            start--;
        }
        String word = text.substring(start, dot);
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return true;
        }
        return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }

    private boolean emitIfLongEnough(int end, Consumer<String> out) {
        if (text.substring(0, end).strip().length() < minLength) {
            return false;
        }
        emit(end, out);
        return true;
    }

    private void forceSplitIfTooLong(Consumer<String> out) {
        while (text.length() > maxLength) {
            int cut = text.lastIndexOf(" ", maxLength);
            if (cut < minLength) {
                cut = maxLength;
            }
            emit(cut, out);
        }
    }

    private void emit(int end, Consumer<String> out) {
        String sentence = text.substring(0, end).strip();
        text.delete(0, end);
        scanFrom = 0;
        if (!sentence.isEmpty()) {
            out.accept(sentence);
        }
    }
}
