"""Writers for video, stills, PDF handouts and GIS formats (Qt for rendering, never widgets)."""
