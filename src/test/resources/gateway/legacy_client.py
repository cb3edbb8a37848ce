#!/usr/bin/python3
"""Plays a LEGACY MAXIMUS gateway client (base protocol only, no Bulwark recovery extension).

    /usr/bin/python3 legacy_client.py URL CLIENT_ID --channel C [--channel C2 ...] [--count N] [--timeout S] [--ping]

URL is a base like ws://127.0.0.1:8000; the client connects to URL/ws/CLIENT_ID, sends one `subscribe` per
channel (then one `ping` with --ping), and prints every received text frame RAW on stdout, one per line.
Diagnostics go to stderr only.

Exit codes: 0 after N data messages (--count N; types other than info/pong/subscribed/unsubscribed/error;
--count 0: once every subscribe, and the ping, has been answered); 3 after --timeout seconds (default 30);
4 if the server closes the connection; 5 if the connection cannot be opened (refused, handshake rejected).
Without --count it runs until timeout or close.
"""
import argparse
import asyncio
import json
import sys
from datetime import datetime

import websockets

CONTROL_TYPES = {"info", "pong", "subscribed", "unsubscribed", "error"}
BASE_KEYS = ["type", "channel", "data", "timestamp", "client_id"]


def log(*args):
    print("[legacy_client]", *args, file=sys.stderr, flush=True)


def frame(type_, channel, client_id):
    # Every key, null where there is no value, in protocol order, compact.
    obj = {"type": type_, "channel": channel, "data": None,
           "timestamp": datetime.utcnow().isoformat(), "client_id": client_id}
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


async def run(args):
    url = args.url.rstrip("/") + "/ws/" + args.client_id
    try:
        # Plain handshake: no extra headers, so a Bulwark server must answer with base frames only.
        ws = await websockets.connect(url, max_size=None, close_timeout=2)
    except (OSError, websockets.InvalidHandshake, asyncio.TimeoutError) as e:
        log("connect failed:", repr(e))
        return 5
    # No `async with`: on --timeout the task is cancelled and must not wait for a closing handshake
    # with a (possibly frozen) server, so the TCP connection is aborted. Otherwise it is closed normally.
    try:
        return await session(ws, args)
    finally:
        if asyncio.current_task().cancelling():
            ws.transport.abort()
        else:
            await ws.close()


async def session(ws, args):
    pending_acks = len(args.channel) + (1 if args.ping else 0)
    data_seen = 0
    try:
        for ch in args.channel:
            await ws.send(frame("subscribe", ch, args.client_id))
        if args.ping:
            await ws.send(frame("ping", None, args.client_id))
        if args.count == 0 and pending_acks == 0:
            return 0
        async for raw in ws:
            if isinstance(raw, bytes):
                log(f"binary frame ({len(raw)} bytes) ignored")
                continue
            # Raw, exactly as received (UTF-8), one frame per line.
            sys.stdout.buffer.write(raw.encode("utf-8") + b"\n")
            sys.stdout.buffer.flush()
            try:
                msg = json.loads(raw)
                type_ = msg.get("type")
                if list(msg.keys()) != BASE_KEYS:
                    log("warning: frame keys are not the base protocol's:", list(msg.keys()))
            except (ValueError, AttributeError):
                log("warning: frame is not a JSON object")
                type_ = None
            if type_ in ("subscribed", "pong", "error"):
                pending_acks -= 1
                if args.count == 0 and pending_acks <= 0:
                    return 0
            elif type_ not in CONTROL_TYPES:
                data_seen += 1
                if args.count and data_seen >= args.count:
                    return 0
    except websockets.ConnectionClosed:
        pass
    log(f"connection closed by server: code={ws.close_code} reason={ws.close_reason!r}")
    return 4


def main():
    p = argparse.ArgumentParser(description="Legacy MAXIMUS gateway client (base protocol).")
    p.add_argument("url", help="base URL, e.g. ws://127.0.0.1:8000")
    p.add_argument("client_id")
    p.add_argument("--channel", action="append", default=[], help="channel to subscribe to (repeatable)")
    p.add_argument("--count", type=int, help="exit 0 after N data messages")
    p.add_argument("--timeout", type=float, default=30.0, help="exit 3 after S seconds (default 30)")
    p.add_argument("--ping", action="store_true", help="send one ping after subscribing")
    args = p.parse_args()
    try:
        rc = asyncio.run(asyncio.wait_for(run(args), args.timeout))
    except asyncio.TimeoutError:
        log(f"timeout after {args.timeout} s")
        rc = 3
    sys.exit(rc)


if __name__ == "__main__":
    main()
