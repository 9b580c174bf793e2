/**
 * The {@code demo} command's parts: {@link org.audiostream.app.demo.DemoRun} (the flow),
 * {@link org.audiostream.app.demo.DemoEchoApp} (the user's WebSocket app, echoing audio back) and
 * {@link org.audiostream.app.demo.DemoCaller}, a built-in test caller: a minimal SIP UAC over UDP
 * ({@code SipUacDialog}) with an RTP endpoint ({@code RtpStreamer}) that plays the committed speech
 * prompt ({@code prompt.wav}, made by {@code scripts/make-demo-prompt.sh}) and records what it hears
 * ({@code CallRecording}) for {@link org.audiostream.app.demo.EchoAnalysis}. Nothing here runs on
 * the gateway's media path.
 */
package org.audiostream.app.demo;
