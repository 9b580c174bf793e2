package org.audiostream.fakes.realtime;

/**
 * One {@code conversation.item.truncate} the fake received.
 *
 * @param itemId the item named by the client
 * @param contentIndex the content index named by the client
 * @param audioEndMs the client's {@code audio_end_ms}
 * @param sentMs how much audio of that item the fake had sent when the request arrived, in whole
 *     milliseconds (bytes ÷ 8 for G.711, ÷ 48 for PCM 24 kHz), or -1 if the item has no audio from the fake
 * @param accepted whether the fake answered {@code conversation.item.truncated} (false: an {@code error})
 */
public record Truncation(String itemId, int contentIndex, long audioEndMs, long sentMs, boolean accepted) {}
