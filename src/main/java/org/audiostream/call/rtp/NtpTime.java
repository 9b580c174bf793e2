package org.audiostream.call.rtp;

/**
 * NTP timestamps as RTCP uses them (RFC 3550 §4): 64-bit fixed point, seconds since 1900 in the
 * high word, and the "middle 32 bits" (16.16) used for LSR, DLSR and round-trip times.
 *
 * <p>Threads: stateless.
 */
public final class NtpTime {

    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (Unix epoch). */
    static final long UNIX_EPOCH_NTP_SECONDS = 2_208_988_800L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private NtpTime() {
    }

    /** The 64-bit NTP timestamp of {@code epochNanos} (nanoseconds since the Unix epoch). */
    public static long fromEpochNanos(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND) + UNIX_EPOCH_NTP_SECONDS;
        long nanos = Math.floorMod(epochNanos, NANOS_PER_SECOND);
        long fraction = (nanos << 32) / NANOS_PER_SECOND;
        return (seconds << 32) | fraction;
    }

    /** The middle 32 bits of a 64-bit NTP timestamp (§6.4.1, LSR). */
    public static int middle32(long ntp) {
        return (int) (ntp >>> 16);
    }

    /** A duration in units of 1/65536 s (§6.4.1, DLSR), saturating at 32 unsigned bits. */
    public static int toShortUnits(long durationNanos) {
        long units = Math.max(0, durationNanos) / 1000 * 65_536 / 1_000_000;
        return (int) Math.min(units, 0xFFFF_FFFFL);
    }

    /** Nanoseconds of a duration given in units of 1/65536 s (unsigned 32 bits). */
    public static long shortUnitsToNanos(int units) {
        return (Integer.toUnsignedLong(units) * NANOS_PER_SECOND) >>> 16;
    }
}
