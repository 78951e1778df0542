#!/usr/bin/env python3
"""A fake Telegram Bot API server for tests. See README.md beside it for the control interface.

    fake_telegram.py --pki DIR [--token TOKEN]

Serves the Bot API over HTTPS on 127.0.0.1 (a free port) with the test certificates in DIR
(made there by make_test_pki.sh when DIR has no ca.pem), and a plain-HTTP control interface on
another free port. Prints one JSON line when ready:
    {"api_port": N, "control_port": M, "ca_file": "DIR/ca.pem"}
and exits when its standard input closes (so it never outlives the test that started it).
Standard library only.
"""
import argparse
import email.parser
import email.policy
import hashlib
import json
import os
import ssl
import struct
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CERTS = {"good": "server", "other_ca": "other_ca_server", "wrong_host": "wrong_host"}


class State:
    """Everything the fake remembers; one lock, one condition for long polls and waits."""

    def __init__(self):
        self.cond = threading.Condition()
        self.next_update_id = 1
        self.reset()

    def reset(self):
        # update_ids keep counting across resets, as Telegram's do: a long poll still
        # waiting for a test's killed daemon (with that test's offset) must not confirm,
        # and so drop, the next test's updates.
        self.updates = []        # queued, each with update_id
        self.calls = []          # every API call, in arrival order
        self.faults = []         # {method, status, description, retry_after, times, raw}
        self.delays = []         # {method, seconds, times}
        self.tls = "good"
        self.files = {}          # file_id -> sha256 of the uploaded bytes
        self.next_message_id = 1

    def take(self, rules, method):
        """The first rule for `method` (or "*") with times left, using one of them."""
        for rule in rules:
            if rule["method"] in ("*", method) and rule["times"] != 0:
                rule["times"] -= 1
                return rule
        return None


STATE = State()


def read_params(handler, body):
    """The call's parameters and uploaded files, from JSON, a form, multipart or the query."""
    ctype = handler.headers.get("Content-Type", "")
    query = urllib.parse.urlsplit(handler.path).query
    params = {k: v[-1] for k, v in urllib.parse.parse_qs(query).items()}
    files = {}
    if ctype.startswith("application/json") and body:
        params.update(json.loads(body))
    elif ctype.startswith("application/x-www-form-urlencoded"):
        params.update({k: v[-1] for k, v in urllib.parse.parse_qs(body.decode()).items()})
    elif ctype.startswith("multipart/form-data"):
        head = b"Content-Type: " + ctype.encode() + b"\r\n\r\n"
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        if not message.is_multipart():
            raise ValueError("multipart body does not parse")
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            data = part.get_payload(decode=True) or b""
            if part.get_filename() is not None:
                files[name] = {"filename": part.get_filename(), "size": len(data),
                               "content_type": part.get_content_type(),
                               "sha256": hashlib.sha256(data).hexdigest(),
                               "png": data.startswith(b"\x89PNG\r\n\x1a\n")}
                files[name].update(png_size(data))
            else:
                params[name] = data.decode()
    for key in ("reply_markup", "allowed_updates"):
        if isinstance(params.get(key), str):
            params[key] = json.loads(params[key])
    return params, files


def message(chat_id, **extra):
    STATE.next_message_id += 1
    return dict(message_id=STATE.next_message_id - 1, date=int(time.time()),
                chat={"id": int(chat_id), "type": "private"}, **extra)


def get_updates(params):
    offset = int(params.get("offset", 0))
    limit = int(params.get("limit", 100))
    deadline = time.monotonic() + float(params.get("timeout", 0))
    with STATE.cond:
        STATE.updates = [u for u in STATE.updates if u["update_id"] >= offset]
        while not STATE.updates and time.monotonic() < deadline:
            STATE.cond.wait(deadline - time.monotonic())
            STATE.updates = [u for u in STATE.updates if u["update_id"] >= offset]
        return 200, STATE.updates[:limit]


def png_size(data):
    """{"width", "height"} from a PNG's IHDR (the first chunk, after the signature), or {}."""
    if len(data) < 24 or not data.startswith(b"\x89PNG\r\n\x1a\n") or data[12:16] != b"IHDR":
        return {}
    width, height = struct.unpack(">II", data[16:24])
    return {"width": width, "height": height}


def send_photo(params, files):
    photo = params.get("photo")
    if "photo" in files:
        file_id = "photo-%d" % (len(STATE.files) + 1)
        STATE.files[file_id] = files["photo"]["sha256"]
    elif photo in STATE.files:
        file_id = photo
    else:
        return 400, "Bad Request: wrong file identifier/HTTP URL specified"
    sizes = [{"file_id": file_id + "-small", "file_unique_id": "s", "width": 90, "height": 56},
             {"file_id": file_id, "file_unique_id": "u", "width": 640, "height": 400}]
    return 200, message(params["chat_id"], photo=sizes, caption=params.get("caption", ""))


def dispatch(method, params, files):
    if method == "getUpdates":
        return get_updates(params)
    with STATE.cond:
        if method == "getMe":
            return 200, {"id": 1, "is_bot": True, "first_name": "fake", "username": "fake_bot"}
        if method == "sendMessage":
            if not params.get("text"):
                return 400, "Bad Request: message text is empty"
            if len(params["text"]) > 4096:
                return 400, "Bad Request: message is too long"
            return 200, message(params["chat_id"], text=params["text"])
        if method == "sendPhoto":
            return send_photo(params, files)
        if method in ("answerCallbackQuery", "setWebhook", "deleteWebhook"):
            return 200, True
    return 404, "Not Found"


class ApiHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, payload, raw=None):
        data = raw.encode() if raw is not None else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html" if raw is not None else "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def handle_call(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        path = urllib.parse.urlsplit(self.path).path
        token, _, method = path.removeprefix("/bot").partition("/")
        try:
            params, files = read_params(self, body)
        except (ValueError, json.JSONDecodeError) as e:
            params, files = {"_unparsed": str(e)}, {}
        with STATE.cond:
            call = {"method": method, "params": params, "files": files,
                    "token_ok": token == ARGS.token, "at": time.time()}
            STATE.calls.append(call)
            STATE.cond.notify_all()
            delay = STATE.take(STATE.delays, method)
            fault = STATE.take(STATE.faults, method)
        if delay:
            time.sleep(delay["seconds"])
        if not call["token_ok"]:
            status, result = 401, "Unauthorized"
        elif "_unparsed" in params:
            status, result = 400, "Bad Request: " + params["_unparsed"]
        elif fault:
            status, result = fault["status"], fault.get("description", "fault")
        else:
            status, result = dispatch(method, params, files)
        call["status"] = status
        if fault and fault.get("raw") is not None:
            return self.answer(status, None, raw=fault["raw"])
        if status == 200:
            return self.answer(200, {"ok": True, "result": result})
        error = {"ok": False, "error_code": status, "description": result}
        if fault and fault.get("retry_after") is not None:
            error["parameters"] = {"retry_after": fault["retry_after"]}
        self.answer(status, error)

    do_POST = handle_call
    do_GET = handle_call


class ControlHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, payload, status=200):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query).items()}
        if url.path != "/calls":
            return self.answer({"error": "unknown path"}, 404)
        method, least = query.get("method"), int(query.get("min", 0))
        deadline = time.monotonic() + float(query.get("wait", 0))
        with STATE.cond:
            def matching():
                return [c for c in STATE.calls if method in (None, c["method"])]
            while len(matching()) < least and time.monotonic() < deadline:
                STATE.cond.wait(deadline - time.monotonic())
            self.answer({"calls": matching()})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        path = urllib.parse.urlsplit(self.path).path
        with STATE.cond:
            if path == "/updates":
                ids = []
                for update in body.get("updates", []):
                    update.setdefault("update_id", STATE.next_update_id)
                    STATE.next_update_id = max(STATE.next_update_id, update["update_id"]) + 1
                    STATE.updates.append(update)
                    ids.append(update["update_id"])
                STATE.cond.notify_all()
                return self.answer({"update_ids": ids})
            if path == "/faults":
                body.setdefault("method", "*")
                body.setdefault("times", 1)
                STATE.faults.append(body)
            elif path == "/delay":
                body.setdefault("method", "*")
                body.setdefault("times", 1)
                STATE.delays.append(body)
            elif path == "/tls" and body.get("cert") in CERTS:
                STATE.tls = body["cert"]
            elif path == "/reset":
                STATE.reset()
            else:
                return self.answer({"error": "unknown path or value"}, 404)
        self.answer({"ok": True})


class TlsServer(ThreadingHTTPServer):
    """Wraps each accepted connection with the certificate chosen at that moment; the
    handshake happens in the handler's thread, so a stalled client blocks nobody."""
    daemon_threads = True

    def get_request(self):
        sock, addr = self.socket.accept()
        with STATE.cond:
            context = CONTEXTS[STATE.tls]
        return context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), addr

    def handle_error(self, request, client_address):
        pass  # a client refusing our certificate is what some tests want


def load_contexts(pki):
    if not os.path.exists(os.path.join(pki, "ca.pem")):
        here = os.path.dirname(os.path.abspath(__file__))
        subprocess.run([os.path.join(here, "make_test_pki.sh"), pki], check=True)
    contexts = {}
    for mode, name in CERTS.items():
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(os.path.join(pki, name + ".pem"), os.path.join(pki, name + ".key"))
        contexts[mode] = context
    return contexts


def main():
    global ARGS, CONTEXTS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pki", required=True, help="folder of test certificates")
    parser.add_argument("--token", default="123:test-token", help="the bot token accepted")
    ARGS = parser.parse_args()
    CONTEXTS = load_contexts(ARGS.pki)
    api = TlsServer(("127.0.0.1", 0), ApiHandler)
    control = ThreadingHTTPServer(("127.0.0.1", 0), ControlHandler)
    control.daemon_threads = True
    for server in (api, control):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({"api_port": api.server_address[1],
                      "control_port": control.server_address[1],
                      "ca_file": os.path.join(os.path.abspath(ARGS.pki), "ca.pem")}), flush=True)
    sys.stdin.read()  # until the test closes our stdin (or dies)


if __name__ == "__main__":
    main()
