"""Drawing with QtGui only (no widgets): the map, its overlays, offscreen pictures, theme and fonts.

The screen (ui) and every export draw through this package.
"""
