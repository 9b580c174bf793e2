package org.audiostream.control;

/**
 * What {@link CommandParser} made of a line: a command to run, or the reply that refuses it.
 * Threads: immutable records.
 */
public sealed interface CommandParseResult {

    /** The line is a valid command. */
    record Parsed(Command command) implements CommandParseResult {
    }

    /** The line is refused; {@code reply} is a {@code -USAGE: ...} or {@code -ERR ...} to send back as is. */
    record Refused(Reply reply) implements CommandParseResult {
    }
}
