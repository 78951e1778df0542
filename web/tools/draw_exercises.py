#!/usr/bin/env python3
"""Draws the ten exercise illustrations served at /img/exercises/<id>.svg.

Our own drawings: a capsule person (a head, a torso with some depth, upper and lower limbs as
rounded strokes) placed joint by joint on a mat over a floor line, seen from the side (the
rotation stretch is seen from above). Limbs on the far side of the body are drawn first in a
lighter shade so the pose reads in depth. Every stroke is checked to lie inside the picture
with a margin. The output is committed; run this script again after changing a pose:

    python3 web/tools/draw_exercises.py web/public/img/exercises
"""
import math
import sys
from pathlib import Path

W, H = 320, 200
MARGIN = 5          # nothing of the person or the arrows closer than this to the edge
FLOOR = 176         # top of the floor line
MAT = 170           # top of the mat the person lies on
NEAR = "#1f4e6b"    # limbs on the viewer's side, torso and head
FAR = "#8eaec3"     # limbs on the far side
SKIN = "#f3f7fa"    # the background colour, for the outline around near limbs
ACCENT = "#e07a1f"  # arrows showing the movement
FURNITURE = "#9aa9b5"
# Stroke widths and segment lengths (px) of the drawn person.
SIZE = 1.1
WIDTH = {k: v * SIZE for k, v in {"thigh": 15, "shin": 12, "upper": 11, "fore": 10, "foot": 8, "neck": 10}.items()}
CHEST, PELVIS = 27 * SIZE, 23 * SIZE   # depth of the torso at the shoulders and at the hips
HEAD_R = 12.5 * SIZE
HAND_R = 5.5 * SIZE
HALO = 3.5         # outline around near limbs where they cross the body
L = {k: v * SIZE for k, v in {"torso": 64, "neck": 27, "upper": 38, "fore": 36, "thigh": 54, "shin": 50, "foot": 15}.items()}


def fmt(v):
    return f"{v:.1f}".rstrip("0").rstrip(".")


def pts(points):
    return " ".join(("M" if i == 0 else "L") + f"{fmt(x)} {fmt(y)}" for i, (x, y) in enumerate(points))


def at(origin, length, angle_deg):
    """The point length px from origin at angle_deg (0 = right, 90 = down, as in SVG)."""
    a = math.radians(angle_deg)
    return (origin[0] + length * math.cos(a), origin[1] + length * math.sin(a))


def angle(p, q):
    return math.degrees(math.atan2(q[1] - p[1], q[0] - p[0]))


def reach(root, target, l1, l2, bend):
    """The middle joint of a two-segment limb from root reaching target; bend = +1 or -1 picks the side."""
    dx, dy = target[0] - root[0], target[1] - root[1]
    dist = min(math.hypot(dx, dy), l1 + l2 - 0.01)
    base = math.atan2(dy, dx)
    cos_a = (l1 * l1 + dist * dist - l2 * l2) / (2 * l1 * dist)
    a = base + bend * math.acos(max(-1.0, min(1.0, cos_a)))
    return (root[0] + l1 * math.cos(a), root[1] + l1 * math.sin(a))


class Drawing:
    """One picture: a background, a floor and a mat, then strokes added in painting order."""

    def __init__(self, title, floor=True, mat=(20, 300)):
        self.title = title
        self.floor = floor
        self.parts = []
        self.box = [W, H, 0, 0]   # extent of the person and the arrows
        if floor:
            self.parts.append(f'<rect y="{FLOOR}" width="{W}" height="{H - FLOOR}" fill="#dfe6ec"/>')
            self.parts.append(f'<path d="M0 {FLOOR}H{W}" stroke="#7b8a97" stroke-width="2"/>')
        if mat:
            x0, x1 = mat
            self.parts.append(f'<rect x="{x0}" y="{MAT}" width="{x1 - x0}" height="{FLOOR - MAT}" rx="2" fill="#8fc1a9"/>')

    def grow(self, points, pad):
        for x, y in points:
            self.box = [min(self.box[0], x - pad), min(self.box[1], y - pad),
                        max(self.box[2], x + pad), max(self.box[3], y + pad)]

    def raw(self, svg):
        self.parts.append(svg)

    def stroke(self, points, width, color=NEAR):
        self.grow(points, width / 2)
        self.parts.append(f'<path d="{pts(points)}" fill="none" stroke="{color}" stroke-width="{fmt(width)}" '
                          'stroke-linecap="round" stroke-linejoin="round"/>')

    def limb(self, points, kind, color=NEAR):
        self.stroke(points, WIDTH[kind], color)

    def circle(self, c, r, color=NEAR):
        self.grow([c], r)
        self.parts.append(f'<circle cx="{fmt(c[0])}" cy="{fmt(c[1])}" r="{fmt(r)}" fill="{color}"/>')

    def polygon(self, points, color=NEAR):
        self.grow(points, 0)
        self.parts.append(f'<path d="{pts(points)}Z" fill="{color}"/>')

    def arrow(self, points, color=ACCENT):
        """A dotted curve through three points (start, control, end) ending in an arrow head."""
        (x0, y0), (cx, cy), (x1, y1) = points
        self.grow(points, 6)
        self.parts.append(f'<path d="M{fmt(x0)} {fmt(y0)}Q{fmt(cx)} {fmt(cy)} {fmt(x1)} {fmt(y1)}" fill="none" '
                          f'stroke="{color}" stroke-width="3" stroke-linecap="round" stroke-dasharray="1 6"/>')
        a = angle((cx, cy), (x1, y1))
        tip = at((x1, y1), 8, a)
        self.polygon([tip, at(tip, 11, a + 150), at(tip, 11, a - 150)], color)

    def inset(self, sub, dx, dy, scale):
        """Places a smaller drawing sub, shifted by dx, dy after scaling."""
        x0, y0, x1, y1 = sub.box
        self.grow([(dx + x0 * scale, dy + y0 * scale), (dx + x1 * scale, dy + y1 * scale)], 0)
        self.parts.append(f'<g transform="translate({fmt(dx)} {fmt(dy)}) scale({scale})">' + "".join(sub.parts) + "</g>")

    def label(self, x, y, text):
        self.parts.append(f'<text x="{x}" y="{y}" text-anchor="middle" font-family="system-ui, sans-serif" '
                          f'font-size="13" font-weight="600" fill="#2c3e4c">{text}</text>')

    def check(self, name):
        x0, y0, x1, y1 = self.box
        bottom = FLOOR - 2 if self.floor else H - MARGIN   # resting on the mat, never through the floor
        if x0 < MARGIN or y0 < MARGIN or x1 > W - MARGIN or y1 > bottom:
            raise SystemExit(f"{name}: drawing {fmt(x0)},{fmt(y0)}..{fmt(x1)},{fmt(y1)} leaves the picture")

    def svg(self):
        body = "\n  ".join(self.parts)
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
                f'role="img" aria-label="{self.title}">\n  <title>{self.title}</title>\n'
                f'  <rect width="{W}" height="{H}" fill="#f3f7fa"/>\n  {body}\n</svg>\n')


class Person:
    """One person seen from the side: set the joints, then draw() paints far limbs, body, near limbs."""

    def __init__(self, d, hip, shoulder, head, face_deg, bulge=0.0, head_last=False):
        self.d = d
        self.head_last = head_last   # the head in front of the near arms (arms stretched past it)
        self.hip, self.shoulder, self.head = hip, shoulder, head
        self.arm_root = shoulder     # where the arms hang from; on all fours a little above the trunk line
        self.face_deg = face_deg   # where the nose points
        self.bulge = bulge         # how far the middle of the back bows out (+ = towards the back)
        self.layers = {FAR: [], NEAR: []}

    @classmethod
    def lying(cls, d, hip, y=None, pillow=0.0):
        """On the back on a surface whose top is y (default the mat), head to the left, the head
        raised by a pillow of that height."""
        top = MAT if y is None else y
        hip = (hip, top - PELVIS / 2)
        shoulder = (hip[0] - L["torso"], top - CHEST / 2)
        head_y = top - pillow - HEAD_R
        head = (shoulder[0] - math.sqrt(L["neck"] ** 2 - (head_y - shoulder[1]) ** 2), head_y)
        return cls(d, hip, shoulder, head, -90 - pillow)

    def leg(self, side, knee, ankle, toe):
        self.layers[side].append(("leg", (self.hip, knee, ankle, toe)))

    def leg_to(self, side, ankle, bend, foot_deg):
        """A leg whose ankle is at ankle; the knee goes to the bend side; returns the knee."""
        knee = reach(self.hip, ankle, L["thigh"], L["shin"], bend)
        self.leg(side, knee, ankle, at(ankle, L["foot"], foot_deg))
        return knee

    def leg_deg(self, side, thigh_deg, shin_deg, foot_deg):
        knee = at(self.hip, L["thigh"], thigh_deg)
        ankle = at(knee, L["shin"], shin_deg)
        self.leg(side, knee, ankle, at(ankle, L["foot"], foot_deg))
        return knee, ankle

    def arm(self, side, elbow, hand):
        self.layers[side].append(("arm", (self.arm_root, elbow, hand)))

    def arm_to(self, side, hand, bend):
        self.arm(side, reach(self.arm_root, hand, L["upper"], L["fore"], bend), hand)

    def arm_deg(self, side, upper_deg, fore_deg):
        elbow = at(self.arm_root, L["upper"], upper_deg)
        hand = at(elbow, L["fore"], fore_deg)
        self.arm(side, elbow, hand)
        return hand

    def _paint(self, kind, joints, color):
        """A limb; near limbs get a thin outline in the background colour first so that they stay
        visible where they cross the body, which has the same colour."""
        if kind == "leg":
            hip, knee, ankle, toe = joints
            segments = [([hip, knee], "thigh"), ([knee, ankle], "shin"), ([ankle, toe], "foot")]
        else:
            shoulder, elbow, hand = joints
            segments = [([shoulder, elbow], "upper"), ([elbow, hand], "fore")]
        if color == NEAR:
            (root, joint), part = segments[0]
            # The outline of the thigh or upper arm starts clear of the trunk it grows out of.
            skip = (PELVIS if kind == "leg" else CHEST) / 2 + WIDTH[part] / 2
            length = math.dist(root, joint)
            if length > skip + 4:
                start = at(root, skip, angle(root, joint))
                self.d.stroke([start, joint], WIDTH[part] + HALO, SKIN)
            for points, part in segments[1:]:
                self.d.stroke(points, WIDTH[part] + HALO, SKIN)
            if kind == "arm":
                self.d.circle(hand, HAND_R + HALO / 2, SKIN)
        for points, part in segments:
            self.d.limb(points, part, color)
        if kind == "arm":
            self.d.circle(hand, HAND_R, color)

    def torso(self):
        """The trunk as a filled outline along a (possibly bowed) spine, deeper at the chest."""
        s, h = self.shoulder, self.hip
        mid = ((s[0] + h[0]) / 2, (s[1] + h[1]) / 2)
        ctrl = at(mid, 2 * self.bulge, angle(s, h) + 90) if self.bulge else mid
        left, right = [], []
        n = 8
        for i in range(n + 1):
            t = i / n
            p = ((1 - t) ** 2 * s[0] + 2 * t * (1 - t) * ctrl[0] + t * t * h[0],
                 (1 - t) ** 2 * s[1] + 2 * t * (1 - t) * ctrl[1] + t * t * h[1])
            tx = 2 * (1 - t) * (ctrl[0] - s[0]) + 2 * t * (h[0] - ctrl[0])
            ty = 2 * (1 - t) * (ctrl[1] - s[1]) + 2 * t * (h[1] - ctrl[1])
            a = math.degrees(math.atan2(ty, tx))
            half = (CHEST + (PELVIS - CHEST) * t) / 2
            left.append(at(p, half, a - 90))
            right.append(at(p, half, a + 90))
        self.d.polygon(left + right[::-1])
        self.d.circle(s, CHEST / 2)
        self.d.circle(h, PELVIS / 2)

    def draw(self):
        for kind, joints in self.layers[FAR]:
            self._paint(kind, joints, FAR)
        self.d.limb([self.shoulder, self.head], "neck")
        self.torso()
        if not self.head_last:
            self.head_and_nose()
        for kind, joints in self.layers[NEAR]:
            self._paint(kind, joints, NEAR)
        if self.head_last:
            self.d.circle(self.head, HEAD_R + HALO / 2, SKIN)
            self.head_and_nose()

    def head_and_nose(self):
        self.d.circle(self.head, HEAD_R)
        self.d.circle(at(self.head, HEAD_R, self.face_deg), 3.2)   # the nose shows which way the face looks


def bent_knee_flat_foot(p, side, dx, bend=-1):
    """A knee up with the foot flat on the floor dx px beyond the hip."""
    ankle = (p.hip[0] + dx, MAT - 6)
    p.leg_to(side, ankle, bend, 0)


def hug_knee(p, side, thigh_deg=-114, shin_deg=-4, hands=(NEAR, FAR)):
    """A knee pulled towards the chest with both hands on the shin just below the knee."""
    knee, ankle = p.leg_deg(side, thigh_deg, shin_deg, shin_deg - 75)
    for i, arm_side in enumerate(hands):
        p.arm_to(arm_side, at(knee, 14 + 6 * i, shin_deg), 1)
    return knee


def knee_to_chest():
    d = Drawing("Knee-to-chest stretch: lying on the back, hugging one knee to the chest, the other foot flat")
    p = Person.lying(d, 168)
    bent_knee_flat_foot(p, FAR, 76)
    hug_knee(p, NEAR)
    p.draw()
    return d


def single_knee_to_chest():
    d = Drawing("Single knee-to-chest stretch: lying on the back, one knee held to the chest, the other leg straight")
    p = Person.lying(d, 156)
    y = MAT - WIDTH["thigh"] / 2
    p.leg(FAR, (p.hip[0] + L["thigh"], y), (p.hip[0] + L["thigh"] + L["shin"], MAT - WIDTH["shin"] / 2),
          (p.hip[0] + L["thigh"] + L["shin"] + 3, MAT - WIDTH["shin"] / 2 - L["foot"]))
    hug_knee(p, NEAR)
    p.draw()
    return d


def lower_back_rotation():
    # Seen from above, head at the top: arms out in a T, both knees bent and dropped to the right.
    d = Drawing("Lower back rotation: lying on the back, arms out in a T, both bent knees dropped to one side",
                floor=False, mat=None)
    d.raw('<rect x="20" y="6" width="280" height="188" rx="10" fill="#8fc1a9" stroke="#6e9f88" stroke-width="2"/>')
    cx, head, sh_y, hip_y = 146, (146, 25), 52, 110
    for sx in (-1, 1):                                        # both arms straight out at shoulder height
        shoulder = (cx + sx * 20, sh_y)
        elbow = (shoulder[0] + sx * L["upper"], sh_y)
        hand = (elbow[0] + sx * L["fore"], sh_y + 1)
        d.limb([shoulder, elbow], "upper")
        d.limb([elbow, hand], "fore")
        d.circle(hand, HAND_R)
    d.limb([head, (cx, sh_y)], "neck")
    # The lower (right) leg lies on the mat, the upper (left) leg on top of it, knees together.
    legs = ((FAR, (cx + 8, hip_y + 2), (cx + 66, hip_y + 24), (cx + 28, hip_y + 62)),
            (NEAR, (cx - 6, hip_y), (cx + 58, hip_y + 8), (cx + 18, hip_y + 48)))
    for color, hip, knee, ankle in legs:
        toe = at(ankle, L["foot"], angle(knee, ankle) - 50)
        d.limb([hip, knee], "thigh", color)
        d.limb([knee, ankle], "shin", color)
        d.limb([ankle, toe], "foot", color)
    # Trunk from above: broad shoulders, a waist, the pelvis.
    d.polygon([(cx - 22, sh_y - 9), (cx + 22, sh_y - 9), (cx + 27, sh_y + 2), (cx + 19, sh_y + 40),
               (cx + 20, hip_y), (cx - 20, hip_y), (cx - 19, sh_y + 40), (cx - 27, sh_y + 2)])
    d.circle((cx - 20, sh_y), 9)
    d.circle((cx + 20, sh_y), 9)
    d.raw(f'<ellipse cx="{cx}" cy="{hip_y}" rx="20" ry="11" fill="{NEAR}"/>')
    d.circle(head, 14)
    d.arrow([(236, 110), (262, 136), (240, 166)])
    return d


def all_fours(d, x, head_deg, face_deg, back=0.0):
    """On hands and knees facing right with the near knee at x: knees under the hips, wrists under
    the shoulders. The arms hang from the top of the chest, so the back is nearly level."""
    knee = (x, MAT - WIDTH["shin"] / 2)
    hip = (x, knee[1] - L["thigh"])
    hand = (x + 62, MAT - HAND_R)
    root = (hand[0], hand[1] - L["upper"] - L["fore"])
    ang = angle(hip, (root[0], root[1] + 9))
    shoulder = at(hip, L["torso"], ang)
    p = Person(d, hip, shoulder, at(shoulder, L["neck"], ang + head_deg), ang + face_deg, bulge=back)
    p.arm_root = (shoulder[0], root[1])
    return p, knee, hand


def kneel(p, side, knee, dx):
    """A knee on the floor dx px beyond knee, the shin and the foot flat behind it."""
    k = (knee[0] + dx, knee[1])
    p.leg(side, k, (k[0] - L["shin"], k[1]), (k[0] - L["shin"] - L["foot"], k[1] + 1))


def tabletop(d, x, back, head):
    """The cat-cow positions: back is the bow of the spine (+ rounded up, - sagging); head 'up' or 'down'."""
    p, knee, hand = all_fours(d, x, -28 if head == "up" else 60, -25 if head == "up" else 75, back)
    for side, dx in ((FAR, 5), (NEAR, 0)):
        kneel(p, side, knee, dx)
        p.arm(side, at(p.arm_root, L["upper"], 90 - dx), (p.arm_root[0] + dx, hand[1]))
    return p


def cat_cow():
    d = Drawing("Cat-cow: on hands and knees, the back sagging with the head up (cow), then rounded up with the chin tucked (cat)",
                mat=(6, 314))
    scale = 0.86 / SIZE
    for left, back, head in ((8, -10, "up"), (166, 15, "down")):
        sub = Drawing("", floor=False, mat=None)
        tabletop(sub, 80, back, head).draw()
        d.inset(sub, left - sub.box[0] * scale, MAT * (1 - scale), scale)
    d.raw('<path d="M160 14V164" stroke="#c5d2dc" stroke-width="2" stroke-dasharray="4 5"/>')
    d.label(84, 194, "Cow: sag, look up")
    d.label(240, 194, "Cat: round, tuck")
    return d


def childs_pose():
    d = Drawing("Child's pose: kneeling, sitting back on the heels, folded forward over the thighs, forehead down, arms reaching forward")
    knee = (146, MAT - WIDTH["shin"] / 2)
    ankle = (knee[0] - L["shin"], knee[1])
    heel_dx = 10                                              # hips rest just above the heels
    hip = (ankle[0] + heel_dx, knee[1] - math.sqrt(L["thigh"] ** 2 - (L["shin"] - heel_dx) ** 2))
    thigh_deg = angle(hip, knee)
    pelvis = at(hip, 9, thigh_deg - 90)                       # the trunk rests on top of the thighs
    shoulder = at(pelvis, L["torso"], thigh_deg - 8)
    head = at(shoulder, L["neck"], 30)
    head = (head[0], MAT - HEAD_R)
    p = Person(d, pelvis, shoulder, head, 75, bulge=7, head_last=True)
    for side, dx in ((FAR, -4), (NEAR, 0)):
        k = (knee[0] + dx, knee[1])
        p.layers[side].append(("leg", (hip, k, (ankle[0] + dx, ankle[1]), (ankle[0] + dx - L["foot"], ankle[1] + 1))))
        rise = MAT - HAND_R - shoulder[1]                    # arms nearly straight along the floor
        hand = (shoulder[0] + math.sqrt((L["upper"] + L["fore"] - 2) ** 2 - rise ** 2) + dx, MAT - HAND_R)
        p.arm_to(side, hand, -1)
    p.draw()
    return d


def figure_four():
    d = Drawing("Figure four stretch: lying on the back, one ankle crossed over the other bent knee, the legs making a 4")
    p = Person.lying(d, 168)
    for side in (FAR, NEAR):                                  # arms resting by the sides, under the legs
        p.arm_deg(side, 5, 2)
    foot = (p.hip[0] + 62 * SIZE, MAT - 6)
    far_knee = reach(p.hip, foot, L["thigh"], L["shin"], -1)
    p.leg(FAR, far_knee, foot, (foot[0] + L["foot"], foot[1]))
    # The near ankle rests across the far knee: the shin crosses just below it, level, the foot
    # beyond; the near knee is turned out towards us, so that thigh looks short.
    bar_y = far_knee[1] + 12
    shin_x = far_knee[0] + (foot[0] - far_knee[0]) * (bar_y - far_knee[1]) / (foot[1] - far_knee[1])
    ankle = (shin_x + 14, bar_y - 2)
    knee = (p.hip[0] + 12, bar_y + 2)
    p.leg(NEAR, knee, ankle, at(ankle, L["foot"], -80))
    p.draw()
    return d


def hip_flexor():
    d = Drawing("Hip flexor stretch: lying on the back at the edge of a bed, one knee hugged, the other leg hanging off the edge",
                mat=None)
    top, x0, x1 = 102, 36, 196
    d.raw(f'<path d="M{x0 + 4} {top + 18}V{FLOOR}M{x1 - 4} {top + 18}V{FLOOR}" stroke="{FURNITURE}" stroke-width="8"/>')
    d.raw(f'<rect x="{x0}" y="{top + 14}" width="{x1 - x0}" height="10" fill="{FURNITURE}"/>')
    d.raw(f'<rect x="{x0}" y="{top}" width="{x1 - x0}" height="16" rx="5" fill="#d3dee6" stroke="#8fa3b3" stroke-width="2"/>')
    d.raw(f'<path d="M{x0} {top - 30}V{FLOOR}" stroke="{FURNITURE}" stroke-width="8" stroke-linecap="round"/>')
    p = Person.lying(d, x1 - 12, y=top, pillow=8)
    d.raw(f'<rect x="{fmt(p.head[0] - 24)}" y="{top - 9}" width="44" height="10" rx="5" '
          'fill="#ffffff" stroke="#b7c5d0" stroke-width="1.5"/>')
    p.leg_deg(NEAR, 16, 84, 0)                                # hanging over the edge, foot towards the floor
    hug_knee(p, FAR, hands=(NEAR, FAR))                       # the other knee held to the chest
    p.draw()
    d.arrow([(x1 + 74, 96), (x1 + 90, 122), (x1 + 76, 146)])
    return d


def pelvic_tilt():
    d = Drawing("Pelvic tilt: lying on the back, knees bent, feet flat, pressing the low back into the floor")
    p = Person.lying(d, 163)
    for side, dx in ((FAR, 86), (NEAR, 72)):
        bent_knee_flat_foot(p, side, dx)
    for side in (FAR, NEAR):
        p.arm_deg(side, 4, 0)
    p.draw()
    x = p.hip[0]
    d.arrow([(x - 34, 114), (x - 35, 124), (x - 34, 138)])      # the low back presses down
    d.arrow([(x + 22, 138), (x + 38, 126), (x + 32, 106)])      # the pelvis tips up

    return d


def bird_dog():
    d = Drawing("Bird dog: on hands and knees, one arm reaching straight forward and the opposite leg straight back")
    p, knee, hand = all_fours(d, 140, 16, 60)
    root, p.arm_root = p.arm_root, at(p.shoulder, 4, -90)
    p.arm_deg(FAR, -3, -3)                                    # far arm reaching forward
    p.arm_root = root
    kneel(p, FAR, knee, 4)
    p.arm(NEAR, at(root, L["upper"], 90), (root[0], hand[1]))
    p.leg_deg(NEAR, 180 + 2, 180 + 2, 100)                    # near leg reaching back
    p.draw()
    return d


def plank():
    d = Drawing("Plank: on forearms and toes, the body in one straight line from head to heels")
    elbow = (236, MAT - WIDTH["fore"] / 2)
    shoulder = (elbow[0] - 2, elbow[1] - L["upper"])
    toe = (46, MAT - 3)
    ankle = (toe[0] + 10, toe[1] - 10)
    ang = angle(ankle, shoulder)
    hip = at(shoulder, L["torso"], ang + 180)
    knee = at(hip, L["thigh"], ang + 180)
    p = Person(d, hip, shoulder, at(shoulder, L["neck"], ang + 6), ang + 70)
    for side, dx in ((FAR, -6), (NEAR, 0)):
        p.leg(side, knee, (ankle[0] + dx, ankle[1]), (toe[0] + dx, toe[1]))
        p.arm(side, (elbow[0] + dx, elbow[1]), (elbow[0] + dx + L["fore"], elbow[1]))
    p.draw()
    return d


POSES = {
    "knee_to_chest": knee_to_chest,
    "lower_back_rotation": lower_back_rotation,
    "cat_cow": cat_cow,
    "childs_pose": childs_pose,
    "figure_four": figure_four,
    "hip_flexor": hip_flexor,
    "single_knee_to_chest": single_knee_to_chest,
    "pelvic_tilt": pelvic_tilt,
    "bird_dog": bird_dog,
    "plank": plank,
}


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "web/public/img/exercises")
    out.mkdir(parents=True, exist_ok=True)
    for name, draw in POSES.items():
        d = draw()
        d.check(name)
        (out / f"{name}.svg").write_text(d.svg())


if __name__ == "__main__":
    main()
