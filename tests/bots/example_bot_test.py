#!/usr/bin/env python3
"""The example bot (docs/examples/example_bot.py) against a real backcoachd on port 0:
a conversation to an emergency, one to a stretch, a resent message id, a forged
signature, and an unknown bot.

    example_bot_test.py BACKCOACHD SOURCE_DIR
"""
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

DAEMON, SOURCE = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(SOURCE, "docs", "examples"))
from example_bot import BackcoachBot  # noqa: E402

SECRET = "5f" * 32
PREFERRED = [r"^no$", r"^3$", r"lower back only", r"less than a week", r"lifting|twist",
             r"gradual", r"nothing in particular", r"none of these", r"^slightly$",
             r"^better$", r"same"]
FREE_TEXT = [(r"how old|your age", "34"), (r"how long", "About four days"),
             (r".*", "It aches after sitting at my desk all day")]


class ExampleBotTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="backcoach-bot-")
        secret = os.path.join(cls.dir, "kiosk.secret")
        with open(secret, "w") as f:
            f.write(SECRET + "\n")
        os.chmod(secret, stat.S_IRUSR | stat.S_IWUSR)
        config = os.path.join(cls.dir, "backcoach.yaml")
        with open(config, "w") as f:
            f.write(f"bots:\n  - id: kiosk\n    secret_file: {secret}\n")
        cls.log = open(os.path.join(cls.dir, "daemon.log"), "w")
        cls.daemon = subprocess.Popen(
            [DAEMON, "--config", config, "--listen", "127.0.0.1:0",
             "--db", os.path.join(cls.dir, "chat.db"), "--threads", "2"],
            stdout=subprocess.PIPE, stderr=cls.log, text=True)
        line = cls.daemon.stdout.readline()
        match = re.search(r"listening on (http://\S+)", line)
        if not match:
            cls.tearDownClass()
            raise RuntimeError("the daemon did not start: " + line)
        cls.url = match.group(1)
        cls.bot = BackcoachBot(cls.url, "kiosk", SECRET)

    @classmethod
    def tearDownClass(cls):
        cls.daemon.terminate()
        cls.daemon.wait(timeout=30)
        cls.log.close()
        with open(os.path.join(cls.dir, "daemon.log")) as f:
            cls.daemon_log = f.read()
        shutil.rmtree(cls.dir)

    def send(self, user, message_id, **said):
        status, answer = self.bot.send(user, message_id, **said)
        self.assertEqual(status, 200, answer)
        return answer

    def test_a_conversation_to_an_emergency(self):
        first = self.send("ann", "1", text="hello")
        self.assertGreaterEqual(len(first["replies"]), 2, "a greeting and a question")
        answer = self.send("ann", "2", text="my back hurts and I can't feel the toilet paper "
                                            "when I wipe")
        self.assertEqual(answer["tier"], "emergency")
        self.assertIn("cauda_equina", answer["flags"])
        self.assertRegex(" ".join(r["text"] for r in answer["replies"]), r"999|112|911|A&E|emergency")

    def test_a_conversation_to_a_stretch(self):
        answer = self.send("bea", "1", text="hi")
        for turn in range(2, 42):
            if answer["exercises"]:
                break
            offered = [q for r in answer["replies"] for q in r.get("quick_replies", [])]
            pick = next((o for want in PREFERRED for o in offered if re.search(want, o, re.I)),
                        offered[0] if offered else None)
            if pick is not None:
                answer = self.send("bea", str(turn), choice=pick)
            else:
                question = answer["replies"][-1]["text"]
                text = next(t for q, t in FREE_TEXT if re.search(q, question, re.I))
                answer = self.send("bea", str(turn), text=text)
        self.assertTrue(answer["exercises"], "no exercise after 40 messages")
        cards = [r["exercise"] for r in answer["replies"] if "exercise" in r]
        self.assertTrue(cards)
        self.assertTrue(all(c["steps"] and c["name"] for c in cards))
        self.assertIn(answer["tier"], ("self_care", None))

    def test_the_same_message_id_gets_the_same_answer(self):
        first = self.send("cal", "m1", text="hello")
        second = self.send("cal", "m2", text="my lower back")
        again = self.send("cal", "m2", text="my lower back")
        self.assertTrue(again["duplicate"])
        self.assertEqual(again["replies"], second["replies"])
        self.assertNotEqual(first["replies"], second["replies"])

    def test_a_forged_signature_and_an_unknown_bot(self):
        forger = BackcoachBot(self.url, "kiosk", "00" * 32)
        status, problem = forger.send("dan", "1", text="hello")
        self.assertEqual(status, 401)
        self.assertEqual(problem["status"], 401)
        stranger = BackcoachBot(self.url, "nobody", SECRET)
        self.assertEqual(stranger.send("dan", "1", text="hello")[0], 404)

    def test_a_huge_body_is_refused_and_bad_json_is_a_400(self):
        status, problem = self.bot.send("eve", "1", text="x" * 100_000)
        self.assertEqual(status, 413)
        self.assertEqual(problem["status"], 413)
        status, problem = self.bot.send("eve", "2", text="x" * 2001)
        self.assertEqual(status, 400)
        self.assertIn("2000", problem["detail"])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
