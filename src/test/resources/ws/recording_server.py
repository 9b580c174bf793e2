#!/usr/bin/python3
"""Recording WebSocket server for the WsStreamClient and gateway integration tests (Debian python3-websockets 10.4).

Prints one JSON object per line on stdout, flushed, each with "ts" (time.monotonic() seconds):
  {"event":"listening","port":N}                       once, when ready
  {"event":"tcp","conn":k}                             every accepted TCP connection (--dead only)
  {"event":"connect","conn":k,"path":..,"headers":{..},"extensions":[..]}
  {"event":"frame","conn":k,"type":"text"|"binary","len":N[,"text":..]}   text included up to 2000 chars
  {"event":"ping","conn":k,"len":N}
  {"event":"closed","conn":k,"code":C,"reason":R,"text_frames":T,"binary_frames":B,"binary_bytes":N,
   "first_type":"text"|"binary"|null,"peak":P,"seconds":S}
                                   P = largest |sample| of the binary audio read as L16 LE,
                                   S = time from the connect line to this one
  {"event":"sent","conn":k,"id":..}                   a --commands command was carried out (conn 0: none open)

Behaviour flags (combine freely):
  --close-after N --close-code C   after N messages on a connection, close it with code C
  --drop-after N                   after N messages, drop TCP without a close frame
  --stall-after N                  after N messages stop reading (TCP backpressure builds up)
  --no-pong                        never answer pings
  --reject STATUS                  refuse the HTTP upgrade with this status
  --send TEXT                      send TEXT once after the first message (repeatable)
  --send-binary LEN                send LEN zero bytes as one binary message after the first message
  --dead                           plain TCP: accept, count, close at once (a WS server that is down)
  --silent                         plain TCP: accept, count, never answer (a hung server)
  --no-compression                 do not negotiate permessage-deflate
  --tls-cert/--tls-key [--tls-client-ca]   serve wss (and require a client certificate)
  --no-frame-events                do not print a "frame" line per binary message (load tests; the
                                   "closed" line still counts them)
  --save-dir DIR                   append each connection's binary messages to DIR/conn-<k>.raw
  --echo RATE                      answer every binary message with a streamAudio message carrying
                                   the same bytes as raw L16 at RATE Hz
  --play FILE --play-rate RATE     after the first message, send FILE (raw L16 LE) as streamAudio
                                   messages of one second each, all at once
  --levels                         binary frames also carry "rms_even"/"rms_odd": the RMS of the even and odd
                                   16-bit LE samples (stereo: left/right), so tests can tell what each channel holds
  --commands                       read JSON commands from stdin, one per line, and carry them out on connection
                                   "conn" (default: the newest open one): {"text":T} sends T as a text frame,
                                   {"binary":N} N zero bytes, {"binary_b64":B} the bytes B encodes, {"close":C} a
                                   close with code C; "id" is echoed in "sent"
"""
import argparse
import array
import asyncio
import base64
import os
import http
import json
import math
import ssl
import sys
import time

import websockets
from websockets.legacy.server import WebSocketServerProtocol


def emit(**fields):
    fields["ts"] = time.monotonic()
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--close-after", type=int, default=-1)
    ap.add_argument("--close-code", type=int, default=1000)
    ap.add_argument("--drop-after", type=int, default=-1)
    ap.add_argument("--stall-after", type=int, default=-1)
    ap.add_argument("--no-pong", action="store_true")
    ap.add_argument("--reject", type=int, default=0)
    ap.add_argument("--send", action="append", default=[])
    ap.add_argument("--send-binary", type=int, default=0)
    ap.add_argument("--dead", action="store_true")
    ap.add_argument("--silent", action="store_true")
    ap.add_argument("--no-compression", action="store_true")
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    ap.add_argument("--tls-client-ca")
    ap.add_argument("--no-frame-events", action="store_true")
    ap.add_argument("--save-dir")
    ap.add_argument("--echo", type=int, default=0)
    ap.add_argument("--play")
    ap.add_argument("--play-rate", type=int, default=8000)
    ap.add_argument("--levels", action="store_true")
    ap.add_argument("--commands", action="store_true")
    args = ap.parse_args()
    asyncio.run(serve(args))


def rms(samples):
    return math.sqrt(sum(x * x for x in samples) / len(samples)) if samples else 0.0


def levels(message):
    pcm = array.array("h")
    pcm.frombytes(message[:len(message) & ~1])
    if sys.byteorder == "big":
        pcm.byteswap()
    return {"rms_even": round(rms(pcm[0::2]), 1), "rms_odd": round(rms(pcm[1::2]), 1)}


async def run_commands(open_conns):
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            return  # stdin closed
        cmd = json.loads(line)
        conn = cmd.get("conn") or (max(open_conns) if open_conns else 0)
        ws = open_conns.get(conn)
        if ws is not None:
            try:
                if "text" in cmd:
                    await ws.send(cmd["text"])
                elif "binary" in cmd:
                    await ws.send(bytes(cmd["binary"]))
                elif "binary_b64" in cmd:
                    await ws.send(base64.b64decode(cmd["binary_b64"]))
                elif "close" in cmd:
                    await ws.close(code=cmd["close"], reason="test close")
            except websockets.ConnectionClosed:
                conn = 0
        else:
            conn = 0
        emit(event="sent", conn=conn, id=cmd.get("id"))


async def serve(args):
    counter = {"conn": 0}
    open_conns = {}
    if args.commands:
        asyncio.get_running_loop().create_task(run_commands(open_conns))

    if args.dead or args.silent:
        async def on_tcp(reader, writer):
            counter["conn"] += 1
            emit(event="tcp", conn=counter["conn"])
            if args.dead:
                writer.transport.abort()
            else:
                await reader.read()  # until the client gives up
                writer.close()

        server = await asyncio.start_server(on_tcp, "127.0.0.1", args.port, reuse_address=True)
        emit(event="listening", port=server.sockets[0].getsockname()[1])
        await asyncio.Future()
        return

    class Protocol(WebSocketServerProtocol):
        async def pong(self, data=b""):
            emit(event="ping", conn=getattr(self, "conn", 0), len=len(data))
            if not args.no_pong:
                await super().pong(data)

    async def process_request(path, headers):
        if args.reject:
            return http.HTTPStatus(args.reject), [], b"rejected by test server\n"
        return None

    async def handler(ws, path):
        counter["conn"] += 1
        conn = counter["conn"]
        ws.conn = conn
        open_conns[conn] = ws
        emit(event="connect", conn=conn, path=path,
             headers={k.lower(): v for k, v in ws.request_headers.raw_items()},
             extensions=[e.name for e in ws.extensions])
        count = 0
        opened = time.monotonic()
        stats = {"text_frames": 0, "binary_frames": 0, "binary_bytes": 0, "first_type": None, "peak": 0}
        saved = open(os.path.join(args.save_dir, "conn-%d.raw" % conn), "wb") if args.save_dir else None
        try:
            async for message in ws:
                count += 1
                if stats["first_type"] is None:
                    stats["first_type"] = "text" if isinstance(message, str) else "binary"
                if isinstance(message, str):
                    stats["text_frames"] += 1
                    emit(event="frame", conn=conn, type="text", len=len(message.encode()),
                         text=message[:2000])
                else:
                    stats["binary_frames"] += 1
                    stats["binary_bytes"] += len(message)
                    if len(message) % 2 == 0 and message:
                        samples = array.array("h", message)
                        if sys.byteorder == "big":
                            samples.byteswap()
                        stats["peak"] = max(stats["peak"], max(samples), -min(samples))
                    if saved:
                        saved.write(message)
                    if not args.no_frame_events:
                        extra = levels(message) if args.levels else {}
                        emit(event="frame", conn=conn, type="binary", len=len(message), **extra)
                    if args.echo:
                        await ws.send(json.dumps({"type": "streamAudio", "data": {
                            "audioDataType": "raw", "sampleRate": args.echo,
                            "audioData": base64.b64encode(message).decode("ascii")}}))
                if count == 1 and args.play:
                    with open(args.play, "rb") as f:
                        audio = f.read()
                    step = 2 * args.play_rate
                    for i in range(0, len(audio), step):
                        await ws.send(json.dumps({"type": "streamAudio", "data": {
                            "audioDataType": "raw", "sampleRate": args.play_rate,
                            "audioData": base64.b64encode(audio[i:i + step]).decode("ascii")}}))
                if count == 1:
                    for text in args.send:
                        await ws.send(text)
                    if args.send_binary:
                        await ws.send(bytes(args.send_binary))
                if count == args.close_after:
                    await ws.close(code=args.close_code, reason="test close")
                if count == args.drop_after:
                    ws.transport.abort()
                    break
                if count == args.stall_after:
                    await asyncio.Future()  # never read again
        except websockets.ConnectionClosed:
            pass
        finally:
            if saved:
                saved.close()
        open_conns.pop(conn, None)
        emit(event="closed", conn=conn, code=ws.close_code, reason=ws.close_reason,
             seconds=round(time.monotonic() - opened, 3), **stats)

    ssl_ctx = None
    if args.tls_cert:
        ssl_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ssl_ctx.load_cert_chain(args.tls_cert, args.tls_key)
        if args.tls_client_ca:
            ssl_ctx.verify_mode = ssl.CERT_REQUIRED
            ssl_ctx.load_verify_locations(args.tls_client_ca)

    stall = args.stall_after > 0
    async with websockets.serve(
            handler, "127.0.0.1", args.port,
            create_protocol=Protocol,
            process_request=process_request,
            compression=None if args.no_compression else "deflate",
            ping_interval=None,
            max_size=16 * 1024 * 1024,
            max_queue=1 if stall else 32,
            read_limit=4096 if stall else 2 ** 16,
            ssl=ssl_ctx,
            reuse_address=True) as server:
        emit(event="listening", port=next(iter(server.sockets)).getsockname()[1])
        await asyncio.Future()


if __name__ == "__main__":
    main()
