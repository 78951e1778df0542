#!/usr/bin/env python3
"""Draws the ten exercise illustrations served at /img/exercises/<id>.svg.

Our own drawings: a stick-and-capsule person (rounded strokes for limbs, a circle for the head)
placed joint by joint, on a mat over a floor line. Limbs on the far side of the body are drawn
first in a lighter shade so the pose reads in depth. The output is committed; run this script
again after changing a pose:

    python3 web/tools/draw_exercises.py web/public/img/exercises
"""
import math
import sys
from pathlib import Path

W, H = 320, 200
FLOOR = 176        # top of the floor line
MAT = 170          # top of the mat the person lies on
NEAR = "#1f4e6b"   # limbs on the viewer's side, torso and head
FAR = "#86a7bd"    # limbs on the far side
ACCENT = "#e07a1f"  # arrows showing the movement
WIDTH = {"torso": 22, "thigh": 15, "shin": 12, "upper": 11, "fore": 10, "foot": 8, "neck": 9}
HEAD_R = 13


def fmt(v):
    return f"{v:.1f}".rstrip("0").rstrip(".")


class Drawing:
    def __init__(self, title, floor=True, mat=(24, 296)):
        self.title = title
        self.parts = []
        if floor:
            self.parts.append(f'<rect x="0" y="{FLOOR}" width="{W}" height="{H - FLOOR}" fill="#dfe6ec"/>')
            self.parts.append(f'<line x1="0" y1="{FLOOR}" x2="{W}" y2="{FLOOR}" stroke="#7b8a97" stroke-width="2"/>')
        if mat:
            x0, x1 = mat
            self.parts.append(f'<rect x="{x0}" y="{MAT}" width="{x1 - x0}" height="{FLOOR - MAT}" rx="2" fill="#8fc1a9"/>')

    def raw(self, svg):
        self.parts.append(svg)

    def limb(self, points, kind, color=NEAR):
        d = " ".join(("M" if i == 0 else "L") + f"{fmt(x)} {fmt(y)}" for i, (x, y) in enumerate(points))
        self.parts.append(f'<path d="{d}" fill="none" stroke="{color}" stroke-width="{WIDTH[kind]}" '
                          'stroke-linecap="round" stroke-linejoin="round"/>')

    def leg(self, hip, knee, ankle, toe, color=NEAR):
        self.limb([hip, knee], "thigh", color)
        self.limb([knee, ankle], "shin", color)
        self.limb([ankle, toe], "foot", color)

    def arm(self, shoulder, elbow, hand, color=NEAR):
        self.limb([shoulder, elbow], "upper", color)
        self.limb([elbow, hand], "fore", color)

    def body(self, head, neck, hips, spine=None):
        """Torso from the shoulders (neck) to the hips, optionally through a spine point (curved)."""
        if spine:
            d = f"M{fmt(neck[0])} {fmt(neck[1])} Q{fmt(spine[0])} {fmt(spine[1])} {fmt(hips[0])} {fmt(hips[1])}"
            self.parts.append(f'<path d="{d}" fill="none" stroke="{NEAR}" stroke-width="{WIDTH["torso"]}" stroke-linecap="round"/>')
        else:
            self.limb([neck, hips], "torso")
        self.parts.append(f'<circle cx="{fmt(head[0])}" cy="{fmt(head[1])}" r="{HEAD_R}" fill="{NEAR}"/>')

    def arrow(self, d, head_at, angle_deg):
        self.parts.append(f'<path d="{d}" fill="none" stroke="{ACCENT}" stroke-width="3" stroke-linecap="round" '
                          'stroke-dasharray="1 6"/>')
        x, y = head_at
        a = math.radians(angle_deg)
        pts = [(x + 9 * math.cos(a), y + 9 * math.sin(a)),
               (x + 7 * math.cos(a + 2.4), y + 7 * math.sin(a + 2.4)),
               (x + 7 * math.cos(a - 2.4), y + 7 * math.sin(a - 2.4))]
        self.parts.append('<polygon points="' + " ".join(f"{fmt(px)},{fmt(py)}" for px, py in pts) + f'" fill="{ACCENT}"/>')

    def label(self, x, y, text):
        self.parts.append(f'<text x="{x}" y="{y}" text-anchor="middle" font-family="system-ui, sans-serif" '
                          f'font-size="13" font-weight="600" fill="#2c3e4c">{text}</text>')

    def svg(self):
        body = "\n  ".join(self.parts)
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
                f'role="img" aria-label="{self.title}">\n  <title>{self.title}</title>\n'
                f'  <rect width="{W}" height="{H}" fill="#f3f7fa"/>\n  {body}\n</svg>\n')


def group(d, dx, dy, scale, draw):
    """Draws a smaller figure: draw(sub) into a transformed <g>."""
    sub = Drawing("", floor=False, mat=None)
    draw(sub)
    d.raw(f'<g transform="translate({dx} {dy}) scale({scale})">' + "".join(sub.parts) + "</g>")


# Segment lengths of the drawn person (px) and a little kinematics to place them.
L = {"torso": 76, "neck": 26, "upper": 44, "fore": 38, "thigh": 66, "shin": 60, "foot": 16}


def at(origin, length, angle_deg):
    """The point length px from origin at angle_deg (0 = right, 90 = down, as in SVG)."""
    a = math.radians(angle_deg)
    return (origin[0] + length * math.cos(a), origin[1] + length * math.sin(a))


def reach(root, target, l1, l2, bend):
    """The middle joint of a two-segment limb from root reaching target; bend = +1 or -1 picks the side."""
    dx, dy = target[0] - root[0], target[1] - root[1]
    dist = min(math.hypot(dx, dy), l1 + l2 - 0.01)
    base = math.atan2(dy, dx)
    cos_a = (l1 * l1 + dist * dist - l2 * l2) / (2 * l1 * dist)
    a = base + bend * math.acos(max(-1.0, min(1.0, cos_a)))
    return (root[0] + l1 * math.cos(a), root[1] + l1 * math.sin(a))


class Person:
    """One person: hips and angles in, joints out, drawn far side first."""

    def __init__(self, d, hip, torso_deg, head_deg=None, spine_bulge=0):
        self.d = d
        self.hip = hip
        self.shoulder = at(hip, L["torso"], torso_deg)
        self.head = at(self.shoulder, L["neck"], torso_deg if head_deg is None else head_deg)
        self.bulge = spine_bulge
        self.torso_deg = torso_deg
        self.layers = {FAR: [], NEAR: []}

    def leg(self, side, thigh_deg, shin_deg, foot_deg):
        knee = at(self.hip, L["thigh"], thigh_deg)
        ankle = at(knee, L["shin"], shin_deg)
        self.layers[side].append(("leg", (self.hip, knee, ankle, at(ankle, L["foot"], foot_deg))))
        return knee, ankle

    def leg_to(self, side, ankle, bend, foot_deg):
        knee = reach(self.hip, ankle, L["thigh"], L["shin"], bend)
        self.layers[side].append(("leg", (self.hip, knee, ankle, at(ankle, L["foot"], foot_deg))))
        return knee

    def arm(self, side, upper_deg, fore_deg):
        elbow = at(self.shoulder, L["upper"], upper_deg)
        self.layers[side].append(("arm", (self.shoulder, elbow, at(elbow, L["fore"], fore_deg))))

    def arm_to(self, side, hand, bend):
        elbow = reach(self.shoulder, hand, L["upper"], L["fore"], bend)
        self.layers[side].append(("arm", (self.shoulder, elbow, hand)))

    def draw(self):
        for kind, pts in self.layers[FAR]:
            getattr(self.d, kind)(*pts, color=FAR)
        spine = None
        if self.bulge:
            mid = ((self.hip[0] + self.shoulder[0]) / 2, (self.hip[1] + self.shoulder[1]) / 2)
            spine = at(mid, self.bulge, self.torso_deg - 90)
        self.d.limb([self.shoulder, self.head], "neck")
        self.d.body(self.head, self.shoulder, self.hip, spine)
        for kind, pts in self.layers[NEAR]:
            getattr(self.d, kind)(*pts, color=NEAR)


# Lying on the back, head to the left: the torso's centre line is half a torso above the mat.
BACK_Y = MAT - WIDTH["torso"] / 2


def knee_to_chest():
    d = Drawing("Knee-to-chest stretch: lying on the back, both knees pulled to the chest with the hands")
    p = Person(d, (170, BACK_Y), 184, 192)
    for side, dx in ((FAR, 4), (NEAR, 0)):
        knee, ankle = p.leg(side, -128 + dx, -8 + dx, -85)
        p.arm_to(side, at(knee, 16, -8 + dx), 1)
    p.draw()
    return d


def lower_back_rotation():
    # Seen from above: arms out in a T, both knees bent and dropped to the right.
    d = Drawing("Lower back rotation: lying on the back, arms out in a T, both knees dropped to one side",
                floor=False, mat=None)
    d.raw('<rect x="30" y="8" width="260" height="184" rx="10" fill="#8fc1a9" stroke="#6e9f88" stroke-width="2"/>')
    shoulder, hip = (160, 58), (160, 128)
    d.limb([(160, 44), shoulder], "neck")
    d.arm((146, 60), (102, 60), (62, 58))
    d.arm((174, 60), (218, 60), (258, 58))
    d.body((160, 32), shoulder, hip)
    d.leg((154, 134), (212, 152), (176, 178), (166, 184), FAR)
    d.leg((166, 134), (222, 140), (190, 170), (180, 178))
    d.arrow("M244 118 Q262 146 246 172", (246, 172), 115)
    return d


def hands_and_knees(d, back, look_up):
    """A tabletop pose facing right on the mat; back is 'arch' (cow) or 'round' (cat)."""
    hip = (46, MAT - L["thigh"] - 6)
    shoulder = (hip[0] + 86, MAT - L["upper"] - L["fore"] - 5)
    tilt = math.degrees(math.atan2(shoulder[1] - hip[1], shoulder[0] - hip[0]))
    p = Person(d, hip, tilt, -30 if look_up else 62, spine_bulge=-16 if back == "arch" else 22)
    for side, dx in ((FAR, -4), (NEAR, 0)):
        p.leg(side, 90 + dx, 180, 180)
        p.arm(side, 90 + dx, 90 + dx)
    p.draw()


def cat_cow():
    d = Drawing("Cat-cow: on hands and knees, the back arched down (cow) then rounded up (cat)", mat=(8, 312))
    group(d, 4, 18, 0.9, lambda s: hands_and_knees(s, "arch", True))
    group(d, 160, 18, 0.9, lambda s: hands_and_knees(s, "round", False))
    d.label(86, 196, "Cow: arch")
    d.label(244, 196, "Cat: round")
    return d


def childs_pose():
    d = Drawing("Child's pose: kneeling, sitting back on the heels, folded forward, forehead down, arms reaching forward")
    hip = (84, MAT - 40)
    p = Person(d, hip, 0, 0, spine_bulge=8)
    p.shoulder = (164, MAT - 20)
    p.head = (188, MAT - 13)
    p.torso_deg = math.degrees(math.atan2(p.shoulder[1] - hip[1], p.shoulder[0] - hip[0]))
    for side, dx in ((FAR, -4), (NEAR, 0)):
        p.leg(side, 33 + dx / 2, 180, 180)
        p.arm_to(side, (272 + dx * 2, MAT - 5), 1)
    p.draw()
    return d


def figure_four():
    d = Drawing("Figure four stretch: lying on the back, one ankle crossed over the other bent knee")
    p = Person(d, (150, BACK_Y), 180, 184)
    knee = p.leg_to(FAR, (238, MAT - 6), -1, 10)
    p.arm(FAR, 4, 0)
    p.layers[NEAR].append(("leg", (p.hip, (194, 140), (knee[0] + 4, knee[1] - 6), (knee[0] + 12, knee[1] - 18))))
    p.arm(NEAR, 6, 0)
    p.draw()
    return d


def hip_flexor():
    d = Drawing("Hip flexor stretch: lying on the back at the edge of a bed, one leg hanging off the side",
                mat=None)
    d.raw('<rect x="10" y="112" width="180" height="22" rx="6" fill="#cfdbe4" stroke="#8fa3b3" stroke-width="2"/>')
    d.raw('<rect x="10" y="134" width="180" height="10" fill="#9aa9b5"/>')
    d.raw('<rect x="16" y="144" width="10" height="32" fill="#9aa9b5"/><rect x="174" y="144" width="10" height="32" fill="#9aa9b5"/>')
    top = 112 - WIDTH["torso"] / 2
    p = Person(d, (176, top), 180, 184)
    knee, _ = p.leg(FAR, -128, -20, -75)            # the other knee hugged up
    p.arm_to(FAR, at(knee, 14, -20), -1)
    p.leg(NEAR, 38, 92, 10)                         # hanging off the edge of the bed
    p.arm(NEAR, 4, 0)
    p.draw()
    d.arrow("M252 96 Q268 122 256 146", (256, 146), 105)
    return d


def single_knee_to_chest():
    d = Drawing("Single knee to chest: lying on the back, one knee held to the chest, the other leg straight")
    p = Person(d, (128, BACK_Y), 186, 192)
    p.leg(FAR, 0, 0, -80)
    knee, _ = p.leg(NEAR, -128, -8, -85)
    p.arm_to(FAR, at(knee, 20, -8), 1)
    p.arm_to(NEAR, at(knee, 14, -8), 1)
    p.draw()
    return d


def pelvic_tilt():
    d = Drawing("Pelvic tilt: lying on the back, knees bent, feet flat, pressing the low back into the floor")
    p = Person(d, (150, BACK_Y), 180, 184)
    for side, dx in ((FAR, -5), (NEAR, 0)):
        p.leg_to(side, (240 + dx, MAT - 6), -1, 5)
        p.arm(side, 4, 0)
    p.draw()
    d.arrow("M118 112 L118 138", (118, 141), 90)
    d.arrow("M168 138 Q184 122 178 108", (177, 106), -100)
    return d


def bird_dog():
    d = Drawing("Bird dog: on hands and knees, one arm reaching forward and the opposite leg reaching back")
    hip = (112, MAT - L["thigh"] - 6)
    shoulder = (hip[0] + 86, MAT - L["upper"] - L["fore"] - 5)
    tilt = math.degrees(math.atan2(shoulder[1] - hip[1], shoulder[0] - hip[0]))
    p = Person(d, hip, tilt, tilt - 8)
    p.leg(FAR, 182, 182, -95)                     # far leg reaching back
    p.arm(FAR, 90, 90)                            # far hand on the floor
    p.leg(NEAR, 90, 180, 180)                     # near knee on the floor
    p.arm(NEAR, -6, -6)                           # near arm reaching forward
    p.draw()
    return d


def plank():
    d = Drawing("Plank: on forearms and toes, the body in one straight line from head to heels")
    shoulder = (232, MAT - L["upper"] - 4)
    p = Person(d, (0, 0), 0)
    ankle = (50, MAT - 12)
    ang = math.degrees(math.atan2(shoulder[1] - ankle[1], shoulder[0] - ankle[0]))
    hip = at(ankle, L["thigh"] + L["shin"], ang)
    p.hip = hip
    p.shoulder = shoulder
    p.head = at(shoulder, L["neck"], ang)
    p.torso_deg = ang
    for side, dx in ((FAR, -5), (NEAR, 0)):
        p.leg(side, ang + 180, ang + 180, 100)
        p.layers[side][-1] = ("leg", (hip, at(hip, L["thigh"], ang + 180), (ankle[0] + dx, ankle[1]), (ankle[0] + dx - 4, MAT - 2)))
        elbow = (shoulder[0] + dx, MAT - 5)
        p.layers[side].append(("arm", (shoulder, elbow, (elbow[0] + L["fore"], MAT - 5))))
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
        (out / f"{name}.svg").write_text(draw().svg())


if __name__ == "__main__":
    main()
