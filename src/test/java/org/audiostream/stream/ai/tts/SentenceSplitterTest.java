package org.audiostream.stream.ai.tts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SentenceSplitterTest {

    /** Text fed word by word (as the model's deltas come, each word with its leading space), then flushed. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("two plain sentences", "Hello there, my friend. How are you today?",
                        List.of("Hello there, my friend.", "How are you today?")),
                Arguments.of("question and exclamation", "Is it raining outside? Take an umbrella! Thanks again.",
                        List.of("Is it raining outside?", "Take an umbrella!", "Thanks again.")),
                Arguments.of("abbreviations stay inside", "Dr. Smith will see you at noon. Mr. Jones e.g. too.",
                        List.of("Dr. Smith will see you at noon.", "Mr. Jones e.g. too.")),
                Arguments.of("decimals and times stay inside", "The price is 3.50 dollars at 10:30 today. Pay now please.",
                        List.of("The price is 3.50 dollars at 10:30 today.", "Pay now please.")),
                Arguments.of("a year before a full stop ends it", "I was born in 1990. Then I moved to Paris.",
                        List.of("I was born in 1990.", "Then I moved to Paris.")),
                Arguments.of("ellipsis before lower case runs on", "Well... maybe we could try that. Sure thing.",
                        List.of("Well... maybe we could try that.", "Sure thing.")),
                Arguments.of("ellipsis before a capital ends", "Let me think about it… Okay, here it is.",
                        List.of("Let me think about it…", "Okay, here it is.")),
                Arguments.of("initials stay inside", "The author J. R. R. Tolkien wrote it. Read it soon.",
                        List.of("The author J. R. R. Tolkien wrote it.", "Read it soon.")),
                Arguments.of("lower case after a stop runs on", "See section 4. the results are clear. Good.",
                        List.of("See section 4. the results are clear.", "Good.")),
                Arguments.of("semicolon and colon split", "First we wait a bit; then we go home: all of us together.",
                        List.of("First we wait a bit;", "then we go home:", "all of us together.")),
                Arguments.of("newline splits", "Here is the first line\nAnd here the second line",
                        List.of("Here is the first line", "And here the second line")),
                Arguments.of("short pieces run on", "Hi. Ok. How can I help you today?",
                        List.of("Hi. Ok. How can I help you today?")),
                Arguments.of("a short remainder is flushed on its own", "That is all I know. Bye.",
                        List.of("That is all I know.", "Bye.")),
                Arguments.of("closing quote stays with its sentence", "He said \"stop right there.\" Then he left us.",
                        List.of("He said \"stop right there.\"", "Then he left us.")),
                Arguments.of("CJK punctuation splits without spaces", "今日はいい天気ですね。明日も晴れるでしょうか？はい！",
                        List.of("今日はいい天気ですね。", "明日も晴れるでしょうか？", "はい！")),
                Arguments.of("remainder flushed at the end", "No punctuation at the end of this one",
                        List.of("No punctuation at the end of this one")),
                Arguments.of("white space only yields nothing", "   ", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void splitsWordByWord(String name, String text, List<String> expected) {
        assertThat(split(text, wordDeltas(text), 10, 250)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void splitsTheSameWayCharacterByCharacterAndInOnePiece(String name, String text, List<String> expected) {
        assertThat(split(text, text.codePoints().mapToObj(Character::toString).toList(), 10, 250)).isEqualTo(expected);
        assertThat(split(text, List.of(text), 10, 250)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void theWordsInProgressOnlyGrowAndBeginTheSentenceCutNext(String name, String text, List<String> expected) {
        assertWordsInProgressHold(wordDeltas(text), 10, 250);
        assertWordsInProgressHold(text.codePoints().mapToObj(Character::toString).toList(), 10, 250);
    }

    @Test
    void theWordsInProgressHoldAcrossCutsAtTheMaximum() {
        String words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda";
        assertWordsInProgressHold(wordDeltas(words), 5, 30);
        assertWordsInProgressHold(words.codePoints().mapToObj(Character::toString).toList(), 5, 30);
        SentenceSplitter splitter = new SentenceSplitter(10, 250);
        splitter.append("  Your table for tw", s -> { });
        assertThat(splitter.wordsInProgress()).isEqualTo("Your table for ");
        splitter.append("o.", s -> { });
        assertThat(splitter.wordsInProgress()).as("up to the last space").isEqualTo("Your table for ");
    }

    /** What a streaming engine was given of a sentence always begins it (or is it, with trailing white space). */
    private static void assertWordsInProgressHold(List<String> deltas, int min, int max) {
        SentenceSplitter splitter = new SentenceSplitter(min, max);
        String[] given = {""};
        boolean[] cut = {false};
        java.util.function.Consumer<String> check = sentence -> {
            assertThat(sentence.startsWith(given[0]) || sentence.equals(given[0].strip()))
                    .as("\"%s\" begins with \"%s\"", sentence, given[0]).isTrue();
            given[0] = ""; // the next sentence's words were not given yet
            cut[0] = true;
        };
        for (String d : deltas) {
            cut[0] = false;
            String before = given[0];
            splitter.append(d, check);
            String now = splitter.wordsInProgress();
            assertThat(cut[0] || now.startsWith(before)).as("\"%s\" grows from \"%s\"", now, before).isTrue();
            given[0] = now;
        }
        splitter.flush(check);
    }

    @Test
    void aSentenceIsHandedOverAsSoonAsTheNextWordShowsItEnded() {
        SentenceSplitter splitter = new SentenceSplitter(10, 250);
        List<String> out = new ArrayList<>();
        splitter.append("Good morning to you.", out::add);
        assertThat(out).as("undecided: the next word could be lower case").isEmpty();
        splitter.append(" How", out::add);
        assertThat(out).containsExactly("Good morning to you.");
        splitter.append(" are you?", out::add);
        assertThat(out).as("waits for what follows the question mark").hasSize(1);
        splitter.append(" ", out::add);
        assertThat(out).containsExactly("Good morning to you.", "How are you?");
        assertThat(splitter.pending()).isEqualTo(1);
    }

    @Test
    void tooLongTextIsCutAtItsLastSpaceBeforeTheMaximum() {
        String words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda";
        List<String> out = split(words, wordDeltas(words), 5, 30);
        assertThat(out).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(30));
        assertThat(String.join(" ", out)).isEqualTo(words);
        assertThat(out.getFirst()).isEqualTo("alpha beta gamma delta epsilon");
    }

    @Test
    void textWithoutSpacesIsCutAtTheMaximum() {
        String run = "x".repeat(70);
        assertThat(split(run, List.of(run), 5, 30)).containsExactly("x".repeat(30), "x".repeat(30), "x".repeat(10));
    }

    @Test
    void resetDropsWhatIsHeld() {
        SentenceSplitter splitter = new SentenceSplitter(10, 250);
        List<String> out = new ArrayList<>();
        splitter.append("Half a sentence that was", out::add);
        splitter.reset();
        splitter.append("A new one begins here.", out::add);
        splitter.flush(out::add);
        assertThat(out).containsExactly("A new one begins here.");
    }

    private static List<String> split(String text, List<String> deltas, int min, int max) {
        SentenceSplitter splitter = new SentenceSplitter(min, max);
        List<String> out = new ArrayList<>();
        deltas.forEach(d -> splitter.append(d, out::add));
        splitter.flush(out::add);
        return out;
    }

    private static List<String> wordDeltas(String text) {
        List<String> deltas = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                deltas.add(text.substring(start, i));
                start = i;
            }
        }
        return deltas;
    }
}
