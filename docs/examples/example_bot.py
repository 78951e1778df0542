#!/usr/bin/env python3
"""A minimal bot for backcoach's signed bot API (docs/bots.md), Python stdlib only.

Each person your bot serves is one `user` id of yours; each message you forward gets
an `id` of yours, so a retry after a timeout is answered again instead of taken twice.

    python3 example_bot.py --url http://127.0.0.1:8080 --bot kiosk \
        --secret-file kiosk.secret --user alice
reads lines from stdin, sends each as alice, prints the replies; a number picks the
quick reply with that number.
"""
import argparse
import hashlib
import hmac
import json
import sys
import time
import urllib.error
import urllib.request
import uuid


class BackcoachBot:
    """Sends a person's messages to backcoach and returns its answer."""

    def __init__(self, base_url, bot_id, secret_hex):
        self.url = f"{base_url.rstrip('/')}/v1/bots/{bot_id}/messages"
        # The key is the bytes the secret file's 64 hex digits spell.
        self.key = bytes.fromhex(secret_hex.strip())

    def sign(self, timestamp, body):
        mac = hmac.new(self.key, timestamp.encode() + b"." + body, hashlib.sha256)
        return "v1=" + mac.hexdigest()

    def send(self, user, message_id, text=None, choice=None):
        """POSTs one message; returns (HTTP status, parsed JSON body)."""
        message = {"user": user, "id": message_id}
        if choice is not None:
            message["choice"] = choice
        else:
            message["text"] = text
        body = json.dumps(message).encode()
        timestamp = str(int(time.time()))
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/json",
            "X-Backcoach-Timestamp": timestamp,
            "X-Backcoach-Signature": self.sign(timestamp, body),
        })
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:  # 4xx/5xx: a problem+json body
            return error.code, json.load(error)


def show(answer):
    for reply in answer["replies"]:
        print("coach:", reply["text"])
        if "exercise" in reply:
            print("       [exercise]", reply["exercise"]["name"])
        for n, label in enumerate(reply.get("quick_replies", []), 1):
            print(f"       {n}) {label}")
    if answer["tier"] in ("urgent", "emergency"):
        print(f"       (tier: {answer['tier']})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--bot", required=True)
    parser.add_argument("--secret-file", required=True)
    parser.add_argument("--user", required=True)
    args = parser.parse_args()
    with open(args.secret_file) as f:
        bot = BackcoachBot(args.url, args.bot, f.read())
    offered = []
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        pick = int(line) - 1 if line.isdigit() and 0 < int(line) <= len(offered) else None
        status, answer = bot.send(args.user, str(uuid.uuid4()),
                                  text=None if pick is not None else line,
                                  choice=offered[pick] if pick is not None else None)
        if status != 200:
            print(f"error {status}: {answer.get('detail')}", file=sys.stderr)
            continue
        show(answer)
        offered = [q for r in answer["replies"] for q in r.get("quick_replies", [])]


if __name__ == "__main__":
    main()
