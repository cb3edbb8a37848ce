#!/usr/bin/python3
"""Plays the EXISTING MAXIMUS WebSocket gateway (base protocol only) for Bulwark's interop tests.

Independent implementation of docs/gateway-protocol.md, "The base protocol" section. It does NOT implement
the Bulwark recovery extension: unknown request headers (X-Bulwark-Recovery, ...) are ignored, frames never
carry offset/epoch, there is no history, no /events and no /publish.

Run with Debian's interpreter (it has websockets 10.4 and redis 4.3.4):
    /usr/bin/python3 legacy_gateway.py --port 0 [--redis redis://127.0.0.1:6379/0] [--log-frames FILE]
                                       [--demo-interval SECONDS]
Prints "READY <port>" on stdout once listening; exits 0 on SIGTERM/SIGINT. Diagnostics go to stderr.
"""
import argparse
import asyncio
import json
import signal
import sys
import uuid
from datetime import datetime
from http import HTTPStatus
from urllib.parse import unquote, urlsplit

import websockets

CHANNELS = (
    "maximus:containers", "maximus:osint", "maximus:ai", "maximus:tasks",
    "maximus:threats", "maximus:consciousness", "maximus:system",
)
CONTROL_TYPES = {"ping", "subscribe", "unsubscribe"}
WELCOME = "Connected to MAXIMUS WebSocket Gateway"


def log(*args):
    print("[legacy_gateway]", *args, file=sys.stderr, flush=True)


def now():
    # Like the existing server: naive UTC, ISO-8601, no zone (microseconds omitted when they are 0).
    return datetime.utcnow().isoformat()


def frame(type_, channel, data, client_id):
    # Exactly these 5 keys in this order, serialized like Starlette's WebSocket.send_json.
    obj = {"type": type_, "channel": channel, "data": data, "timestamp": now(), "client_id": client_id}
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


class Reject:
    def __init__(self, code, reason):
        self.code, self.reason = code, reason


class Gateway:
    def __init__(self, args):
        self.args = args
        self.subs = {}  # websocket -> set of subscribed channels (one entry per live connection)
        self.redis_connected = False
        self.redis_pub = None  # client used by the demo publisher
        self.log_file = open(args.log_frames, "a", encoding="utf-8") if args.log_frames else None

    # ---- HTTP side: /health, 404 for everything that is not /ws/{client_id} ----
    def process_request(self, path, headers):
        path = urlsplit(path).path
        if path == "/health":
            body = json.dumps({"status": "healthy", "active_connections": len(self.subs),
                               "redis_connected": self.redis_connected}, separators=(",", ":")).encode()
            return HTTPStatus.OK, [("Content-Type", "application/json")], body
        parts = path.split("/")
        if len(parts) != 3 or parts[1] != "ws" or not parts[2]:
            return HTTPStatus.NOT_FOUND, [("Content-Type", "application/json")], b'{"detail":"Not Found"}'
        return None  # continue the WebSocket handshake; extra request headers are simply ignored

    # ---- one WebSocket connection ----
    async def handler(self, ws):
        client_id = unquote(urlsplit(ws.path).path.split("/")[2])
        self.subs[ws] = set()
        log(f"connect {client_id!r} (connections: {len(self.subs)})")
        try:
            await ws.send(frame("info", None, {"message": WELCOME}, client_id))
            async for raw in ws:
                if isinstance(raw, bytes):  # text-only server: a binary frame ends the connection
                    await ws.close(1003, "binary frames are not supported")
                    break
                if self.log_file:
                    self.log_file.write(raw + "\n")
                    self.log_file.flush()
                reply = self.handle_frame(ws, raw, client_id)
                if isinstance(reply, Reject):  # invalid frame: drop the connection without a reply
                    log(f"closing {client_id!r}: {reply.reason}")
                    await ws.close(reply.code, reply.reason)
                    break
                await ws.send(reply)
        except websockets.ConnectionClosed:
            pass
        finally:
            self.subs.pop(ws, None)
            log(f"disconnect {client_id!r} code={ws.close_code} (connections: {len(self.subs)})")

    def handle_frame(self, ws, raw, client_id):
        """Returns the reply text, or a Reject for a frame that does not validate."""
        try:
            msg = json.loads(raw)
        except ValueError:
            return Reject(1003, "invalid JSON")
        if not isinstance(msg, dict) or not isinstance(msg.get("type"), str):
            return Reject(1008, "not a message object")
        channel, data = msg.get("channel"), msg.get("data")
        if channel is not None and channel not in CHANNELS:
            return Reject(1008, "unknown channel")
        if data is not None and not isinstance(data, dict):
            return Reject(1008, "data must be an object")
        type_ = msg["type"]
        if type_ == "ping":
            return frame("pong", None, None, client_id)
        if type_ in ("subscribe", "unsubscribe"):
            if channel is None:
                return frame("error", None, {"error": f"{type_} requires a channel"}, client_id)
            if type_ == "subscribe":
                self.subs[ws].add(channel)
            else:
                self.subs[ws].discard(channel)
            return frame(type_ + "d", channel, {"channel": channel}, client_id)
        return frame("error", None, {"error": f"Unknown message type: {type_}"}, client_id)

    # ---- distribution ----
    async def distribute(self, channel, payload):
        """Send one message text, verbatim, to every local connection subscribed to the channel.
        Sequential awaits, like a plain `for ws in ...: await ws.send_text(...)` loop: a stalled
        subscriber (full socket buffers) delays the others."""
        for ws, channels in list(self.subs.items()):
            if channel in channels:
                try:
                    await ws.send(payload)
                except websockets.ConnectionClosed:
                    self.subs.pop(ws, None)

    async def redis_loop(self):
        import redis.asyncio as aioredis
        while True:
            client = pubsub = None
            try:
                client = aioredis.from_url(self.args.redis)
                pubsub = client.pubsub()
                await pubsub.subscribe(*CHANNELS)
                self.redis_connected = True
                log("redis: subscribed to", len(CHANNELS), "channels")
                async for m in pubsub.listen():
                    if m["type"] == "message":
                        # Payload forwarded as received: the publisher's exact JSON text.
                        await self.distribute(m["channel"].decode(), m["data"].decode("utf-8", "replace"))
            except asyncio.CancelledError:
                raise
            except Exception as e:  # connection lost / refused: retry every second
                log("redis:", repr(e))
            finally:
                self.redis_connected = False
                for c in (pubsub, client):
                    if c is not None:
                        try:
                            await c.close()
                        except Exception:
                            pass
            await asyncio.sleep(1)

    async def demo_loop(self, interval):
        seq = 0
        while True:
            await asyncio.sleep(interval)
            seq += 1
            data = {"alert_id": str(uuid.uuid4()), "severity": "high", "source": "legacy-demo", "seq": seq}
            payload = frame("threat_alert", "maximus:threats", data, None)
            if self.args.redis:
                try:
                    if self.redis_pub is None:
                        import redis.asyncio as aioredis
                        self.redis_pub = aioredis.from_url(self.args.redis)
                    await self.redis_pub.publish("maximus:threats", payload)  # comes back via redis_loop
                except Exception as e:
                    log("demo publish failed:", repr(e))
            else:
                await self.distribute("maximus:threats", payload)


async def main():
    p = argparse.ArgumentParser(description="Plays the existing MAXIMUS gateway (base protocol).")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000, help="0 = pick a free port")
    p.add_argument("--redis", help="redis URI, e.g. redis://127.0.0.1:6379/0")
    p.add_argument("--log-frames", help="append every text frame received from clients to FILE")
    p.add_argument("--demo-interval", type=float, help="publish a threat_alert every N seconds")
    p.add_argument("--tls-cert", help="serve wss:// with this PEM certificate chain (needs --tls-key)")
    p.add_argument("--tls-key", help="the PEM private key of --tls-cert")
    args = p.parse_args()
    tls = None
    if args.tls_cert:
        import ssl
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(args.tls_cert, args.tls_key)

    gw = Gateway(args)
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))

    tasks = []
    # max_size 16 MiB: uvicorn's default ws_max_size. Keepalive pings: websockets' (and uvicorn's) 20 s / 20 s.
    async with websockets.serve(gw.handler, args.host, args.port, process_request=gw.process_request,
                                max_size=16 * 1024 * 1024, ssl=tls) as server:
        if args.redis:
            tasks.append(asyncio.create_task(gw.redis_loop()))
        if args.demo_interval:
            tasks.append(asyncio.create_task(gw.demo_loop(args.demo_interval)))
        port = server.sockets[0].getsockname()[1]
        print(f"READY {port}", flush=True)
        await stop
        log("shutting down")
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    if gw.redis_pub is not None:
        await gw.redis_pub.close()


if __name__ == "__main__":
    asyncio.run(main())
