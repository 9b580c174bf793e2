/**
 * Events as sessions, streams and calls publish them ({@link org.audiostream.event.Event}) and the bus that
 * fans them out ({@link org.audiostream.event.EventBus}). It sits below every package that reports, so nothing
 * reaches up into {@code control}, which serves the bus to the outside (SSE, WebSocket, webhooks).
 */
package org.audiostream.event;
