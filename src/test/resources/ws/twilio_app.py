#!/usr/bin/python3
"""A Twilio Media Streams app for the gateway's integration tests (Debian python3-websockets 10.4), written from
Twilio's published message reference (twilio.com/docs/voice/media-streams/websocket-messages). It checks every
message it receives field by field, records the audio of each track, and sends what the test asks.

Prints one JSON object per line on stdout, flushed, each with "ts" (time.monotonic() seconds):
  {"event":"listening","port":N}                       once, when ready
  {"event":"connect","conn":k,"path":..}
  {"event":"twilio","conn":k,"kind":K,"seq":S,...}      every message received; K is connected, start, media,
                                                       dtmf, mark or stop. media adds track, chunk, timestamp
                                                       (integers) and rms (of the decoded payload); dtmf adds
                                                       digit; mark adds name; start adds the whole message as "message"
  {"event":"violation","conn":k,"why":..,"message":..} a message that breaks the published protocol
  {"event":"closed","conn":k,"code":C,"reason":R,"violations":V,"messages":M}
  {"event":"sent","conn":k,"id":..,"at":T}             a --commands command was carried out (conn 0: none open);
                                                       T is when its frame went to the socket

Flags:
  --save-dir DIR    append each connection's media payloads to DIR/conn-<k>-<track>.ulaw (raw G.711 mu-law)
  --commands        read JSON commands from stdin, one per line, for the newest open connection:
                    {"text":T} sends T as a text frame (a mark it carries is remembered, to check the echo),
                    {"close":C} closes with code C; "id" is echoed in "sent"

Checks (each failure is one "violation" line): connected first, with protocol "Call" and version "1.0.0"; start
second; every later message has exactly the documented members, a string sequenceNumber one above the last
(start is "1"), and the start's streamSid; start has Twilio-shaped SIDs, tracks from [inbound, outbound], an
object of customParameters and mediaFormat audio/x-mulaw 8000 1; media is on a track the start announced, its
chunk (a string) counts that track from "1", its timestamp (a string) grows by whole 20 ms steps, its payload
is 160 bytes of base64; dtmf is on inbound_track with one key; a mark names one this app sent, in the order
sent; stop repeats the start's accountSid and callSid, comes last, and only after every mark came back; no
binary frames at all.
"""
import argparse
import asyncio
import base64
import binascii
import json
import math
import os
import re
import sys
import time

import websockets

SID = {"MZ": re.compile(r"^MZ[0-9a-f]{32}$"), "CA": re.compile(r"^CA[0-9a-f]{32}$"),
       "AC": re.compile(r"^AC[0-9a-f]{32}$")}
DIGITS = re.compile(r"^[0-9]+$")
MEMBERS = {
    "connected": {"event", "protocol", "version"},
    "start": {"event", "sequenceNumber", "start", "streamSid"},
    "media": {"event", "sequenceNumber", "media", "streamSid"},
    "dtmf": {"event", "streamSid", "sequenceNumber", "dtmf"},
    "mark": {"event", "sequenceNumber", "streamSid", "mark"},
    "stop": {"event", "sequenceNumber", "stop", "streamSid"},
}
START_MEMBERS = {"accountSid", "streamSid", "callSid", "tracks", "customParameters", "mediaFormat"}
MEDIA_MEMBERS = {"track", "chunk", "timestamp", "payload"}


def emit(**fields):
    fields["ts"] = time.monotonic()
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def ulaw_to_linear(code):
    """G.711 mu-law expansion of one code, as the ITU-T tables give it."""
    code = ~code & 0xFF
    magnitude = (((code & 0x0F) << 3) + 0x84) << ((code >> 4) & 0x07)
    return (0x84 - magnitude) if code & 0x80 else (magnitude - 0x84)


ULAW = [ulaw_to_linear(c) for c in range(256)]


class Stream:
    """What one connection has shown so far, and the checks on the next message."""

    def __init__(self, conn, save_dir):
        self.conn = conn
        self.save_dir = save_dir
        self.received = 0
        self.seq = 0
        self.start = None
        self.stopped = False
        self.chunks = {}
        self.timestamps = {}
        self.marks_sent = []
        self.violations = 0

    def violation(self, why, message):
        self.violations += 1
        emit(event="violation", conn=self.conn, why=why, message=message[:300])

    def on_text(self, text):
        self.received += 1
        try:
            m = json.loads(text)
        except ValueError:
            return self.violation("not JSON", text)
        kind = m.get("event") if isinstance(m, dict) else None
        if kind not in MEMBERS:
            return self.violation("unknown event %r" % (kind,), text)
        if set(m) != MEMBERS[kind]:
            self.violation("%s members %s, expected %s" % (kind, sorted(m), sorted(MEMBERS[kind])), text)
        if self.stopped:
            self.violation("message after stop", text)
        if self.received == 1 and kind != "connected":
            self.violation("first message is %s, not connected" % kind, text)
        if self.received == 2 and kind != "start":
            self.violation("second message is %s, not start" % kind, text)
        if kind == "connected":
            if self.received != 1:
                self.violation("connected is not the first message", text)
            if m.get("protocol") != "Call" or m.get("version") != "1.0.0":
                self.violation("connected protocol/version", text)
            return emit(event="twilio", conn=self.conn, kind=kind, seq=None)
        seq = m.get("sequenceNumber")
        if not isinstance(seq, str) or not DIGITS.match(seq) or int(seq) != self.seq + 1:
            self.violation("sequenceNumber %r after %d" % (seq, self.seq), text)
        self.seq = int(seq) if isinstance(seq, str) and DIGITS.match(seq) else self.seq + 1
        if kind == "start":
            self.check_start(m, text)
        elif self.start is not None and m.get("streamSid") != self.start["streamSid"]:
            self.violation("streamSid differs from the start's", text)
        getattr(self, "on_" + kind)(m, text)

    def check_start(self, m, text):
        s = m.get("start")
        if not isinstance(s, dict) or set(s) != START_MEMBERS:
            return self.violation("start members", text)
        self.start = s
        for key, prefix in (("streamSid", "MZ"), ("callSid", "CA"), ("accountSid", "AC")):
            if not isinstance(s[key], str) or not SID[prefix].match(s[key]):
                self.violation("start.%s %r is not %s + 32 hex digits" % (key, s[key], prefix), text)
        if m.get("streamSid") != s["streamSid"]:
            self.violation("streamSid differs from start.streamSid", text)
        if (not isinstance(s["tracks"], list) or not s["tracks"]
                or not set(s["tracks"]) <= {"inbound", "outbound"} or len(set(s["tracks"])) != len(s["tracks"])):
            self.violation("start.tracks %r" % (s["tracks"],), text)
        if not isinstance(s["customParameters"], dict):
            self.violation("start.customParameters is not an object", text)
        if s["mediaFormat"] != {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1}:
            self.violation("start.mediaFormat %r" % (s["mediaFormat"],), text)

    def on_start(self, m, text):
        emit(event="twilio", conn=self.conn, kind="start", seq=self.seq, message=m)

    def on_media(self, m, text):
        media = m.get("media")
        if not isinstance(media, dict) or set(media) != MEDIA_MEMBERS:
            return self.violation("media members", text)
        track, chunk, timestamp = media["track"], media["chunk"], media["timestamp"]
        if self.start is None or track not in self.start.get("tracks", []):
            return self.violation("media on track %r the start did not announce" % (track,), text)
        if not isinstance(chunk, str) or not DIGITS.match(chunk) or int(chunk) != self.chunks.get(track, 0) + 1:
            self.violation("%s chunk %r after %d" % (track, chunk, self.chunks.get(track, 0)), text)
        self.chunks[track] = self.chunks.get(track, 0) + 1
        if not isinstance(timestamp, str) or not DIGITS.match(timestamp):
            return self.violation("timestamp %r is not a string of digits" % (timestamp,), text)
        last = self.timestamps.get(track)
        if last is not None and (int(timestamp) <= last or (int(timestamp) - last) % 20):
            self.violation("%s timestamp %s after %d" % (track, timestamp, last), text)
        self.timestamps[track] = int(timestamp)
        try:
            payload = base64.b64decode(media["payload"], validate=True)
        except (binascii.Error, TypeError):
            return self.violation("payload is not base64", text)
        if len(payload) != 160:
            self.violation("payload of %d bytes, not 160 (20 ms)" % len(payload), text)
        if self.save_dir:
            with open(os.path.join(self.save_dir, "conn-%d-%s.ulaw" % (self.conn, track)), "ab") as f:
                f.write(payload)
        rms = math.sqrt(sum(ULAW[b] ** 2 for b in payload) / len(payload)) if payload else 0.0
        emit(event="twilio", conn=self.conn, kind="media", seq=self.seq, track=track, chunk=int(chunk),
             timestamp=int(timestamp), rms=round(rms, 1))

    def on_dtmf(self, m, text):
        d = m.get("dtmf")
        if not isinstance(d, dict) or set(d) != {"track", "digit"}:
            return self.violation("dtmf members", text)
        if d["track"] != "inbound_track" or not isinstance(d["digit"], str) or d["digit"] not in "0123456789*#ABCD" \
                or len(d["digit"]) != 1:
            self.violation("dtmf %r" % (d,), text)
        emit(event="twilio", conn=self.conn, kind="dtmf", seq=self.seq, digit=d.get("digit"))

    def on_mark(self, m, text):
        mark = m.get("mark")
        if not isinstance(mark, dict) or set(mark) != {"name"}:
            return self.violation("mark members", text)
        if not self.marks_sent or self.marks_sent[0] != mark["name"]:
            self.violation("mark %r is not the next one sent (%r)" % (mark["name"], self.marks_sent[:1]), text)
        elif self.marks_sent:
            self.marks_sent.pop(0)
        emit(event="twilio", conn=self.conn, kind="mark", seq=self.seq, name=mark["name"])

    def on_stop(self, m, text):
        s = m.get("stop")
        if not isinstance(s, dict) or set(s) != {"accountSid", "callSid"}:
            return self.violation("stop members", text)
        if self.start is not None and (s["accountSid"], s["callSid"]) != (self.start["accountSid"],
                                                                            self.start["callSid"]):
            self.violation("stop SIDs differ from the start's", text)
        if self.marks_sent:
            self.violation("stop before the marks %r came back" % (self.marks_sent,), text)
        self.stopped = True
        emit(event="twilio", conn=self.conn, kind="stop", seq=self.seq)

    def on_sending(self, text):
        """Remembers the marks this app sends, to check that each comes back once, in order."""
        try:
            m = json.loads(text)
        except ValueError:
            return
        if isinstance(m, dict) and m.get("event") == "mark" and isinstance(m.get("mark"), dict):
            name = m["mark"].get("name")
            if isinstance(name, str) and name:
                self.marks_sent.append(name)


async def run_commands(open_conns):
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            return
        cmd = json.loads(line)
        conn = cmd.get("conn") or (max(open_conns) if open_conns else 0)
        entry = open_conns.get(conn)
        at = time.monotonic()
        if entry is not None:
            ws, stream = entry
            try:
                if "text" in cmd:
                    stream.on_sending(cmd["text"])
                    at = time.monotonic()
                    await ws.send(cmd["text"])
                elif "close" in cmd:
                    await ws.close(code=cmd["close"], reason="test close")
            except websockets.ConnectionClosed:
                conn = 0
        else:
            conn = 0
        emit(event="sent", conn=conn, id=cmd.get("id"), at=at)


async def serve(args):
    counter = {"conn": 0}
    open_conns = {}
    if args.commands:
        asyncio.get_running_loop().create_task(run_commands(open_conns))

    async def handler(ws, path):
        counter["conn"] += 1
        conn = counter["conn"]
        stream = Stream(conn, args.save_dir)
        open_conns[conn] = (ws, stream)
        emit(event="connect", conn=conn, path=path)
        try:
            async for message in ws:
                if isinstance(message, str):
                    stream.on_text(message)
                else:
                    stream.received += 1
                    stream.violation("binary frame of %d bytes" % len(message), "")
        except websockets.ConnectionClosed:
            pass
        open_conns.pop(conn, None)
        emit(event="closed", conn=conn, code=ws.close_code, reason=ws.close_reason, violations=stream.violations,
             messages=stream.received)

    async with websockets.serve(handler, "127.0.0.1", args.port, compression=None, ping_interval=None,
                                max_size=16 * 1024 * 1024, reuse_address=True) as server:
        emit(event="listening", port=next(iter(server.sockets)).getsockname()[1])
        await asyncio.Future()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--save-dir")
    ap.add_argument("--commands", action="store_true")
    asyncio.run(serve(ap.parse_args()))


if __name__ == "__main__":
    main()
