"""Colour checks a reader's eyes depend on: WCAG contrast, colour-vision deficiency, colour difference.

- `contrast_ratio`: WCAG 2 relative-luminance contrast (text needs 4.5:1 against what is behind it).
- `simulate`: how a colour looks with protanopia, deuteranopia or tritanopia: the Machado, Oliveira &
  Fernandes (2009) matrices at severity 1.0, applied in linear sRGB (as Chrome's and Firefox's
  developer tools do).
- `delta_e_2000`: the CIEDE2000 colour difference (Sharma, Wu & Dalal 2005) in CIELAB (D65).
Colours are `#rrggbb` strings or (r, g, b) tuples of 0-255 numbers; no Qt, so tests and the CLI can
check a scenario's palette.
"""

from __future__ import annotations

import math
from typing import Literal

RGB = tuple[float, float, float]
Deficiency = Literal["protanopia", "deuteranopia", "tritanopia"]
DEFICIENCIES: tuple[Deficiency, ...] = ("protanopia", "deuteranopia", "tritanopia")

MACHADO_2009: dict[str, tuple[RGB, RGB, RGB]] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def rgb(colour: str | RGB) -> RGB:
    """(r, g, b), 0-255, of `#rrggbb` or an (r, g, b) tuple."""
    if isinstance(colour, str):
        text = colour.lstrip("#")
        return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))
    return colour


def over(top: str | RGB, alpha: float, bottom: str | RGB) -> RGB:
    """`top` with opacity `alpha` (0-1) painted over `bottom` (source-over, as QPainter does)."""
    a, b = rgb(top), rgb(bottom)
    return (
        a[0] * alpha + b[0] * (1 - alpha),
        a[1] * alpha + b[1] * (1 - alpha),
        a[2] * alpha + b[2] * (1 - alpha),
    )


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _encoded(linear: float) -> float:
    c = min(1.0, max(0.0, linear))
    return 255 * (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055)


def relative_luminance(colour: str | RGB) -> float:
    r, g, b = (_linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str | RGB, b: str | RGB) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def simulate(colour: str | RGB, deficiency: Deficiency) -> RGB:
    """The colour as seen with the deficiency (Machado 2009, severity 1.0)."""
    linear = [_linear(c) for c in rgb(colour)]
    matrix = MACHADO_2009[deficiency]
    return (
        _encoded(sum(m * c for m, c in zip(matrix[0], linear, strict=True))),
        _encoded(sum(m * c for m, c in zip(matrix[1], linear, strict=True))),
        _encoded(sum(m * c for m, c in zip(matrix[2], linear, strict=True))),
    )


def lab(colour: str | RGB) -> RGB:
    """CIELAB (D65) of an sRGB colour."""
    r, g, b = (_linear(c) for c in rgb(colour))
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e_2000(lab1: RGB, lab2: RGB) -> float:
    """CIEDE2000 difference of two CIELAB colours (kL = kC = kH = 1)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dlp = l2 - l1
    dcp = c2p - c1p
    if c1p * c2p == 0:
        dhp = 0.0
    elif abs(h2p - h1p) <= 180:
        dhp = h2p - h1p
    elif h2p - h1p > 180:
        dhp = h2p - h1p - 360
    else:
        dhp = h2p - h1p + 360
    d_hp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dhp / 2))
    lp_bar = (l1 + l2) / 2
    cp_bar = (c1p + c2p) / 2
    if c1p * c2p == 0:
        hp_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hp_bar = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        hp_bar = (h1p + h2p + 360) / 2
    else:
        hp_bar = (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hp_bar - 30))
        + 0.24 * math.cos(math.radians(2 * hp_bar))
        + 0.32 * math.cos(math.radians(3 * hp_bar + 6))
        - 0.20 * math.cos(math.radians(4 * hp_bar - 63))
    )
    d_theta = 30 * math.exp(-(((hp_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
    s_l = 1 + 0.015 * (lp_bar - 50) ** 2 / math.sqrt(20 + (lp_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt(
        (dlp / s_l) ** 2 + (dcp / s_c) ** 2 + (d_hp / s_h) ** 2 + r_t * (dcp / s_c) * (d_hp / s_h)
    )


def colour_difference(a: str | RGB, b: str | RGB, deficiency: Deficiency | None = None) -> float:
    """CIEDE2000 between two sRGB colours, as seen with `deficiency` (None: normal vision)."""
    if deficiency is not None:
        a, b = simulate(a, deficiency), simulate(b, deficiency)
    return delta_e_2000(lab(a), lab(b))
