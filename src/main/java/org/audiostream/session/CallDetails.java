package org.audiostream.session;

import java.time.Instant;

/** Who called whom, as the session list and health show it. */
public record CallDetails(String caller, String callee, String callId, Instant started) {}
