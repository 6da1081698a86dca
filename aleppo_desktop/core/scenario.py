"""A loaded, validated scenario and its loaded parts (area units, basemap layers).

Only the model: reading and validating files is `core/loading.py` (`load_scenario`), which builds these.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from aleppo_desktop.core.control import ControlTable
from aleppo_desktop.core.frames import Frame, FrameBuilder
from aleppo_desktop.core.geometry import to_wgs84
from aleppo_desktop.core.model import (
    BasemapLayer,
    Claim,
    Dispute,
    Event,
    Faction,
    ScenarioFile,
    Source,
    Strength,
)
from aleppo_desktop.core.timeline import day_number


@dataclass(frozen=True)
class AreaUnit:
    id: str
    name_en: str
    name_ar: str
    kind: str
    source: str
    geometry: shapely.Geometry  # map CRS (metres)
    area_km2: float
    rings: tuple[np.ndarray, ...]  # every ring of the polygon(s), map CRS, for drawing


@dataclass(frozen=True, eq=False)
class Region:
    """A named, fixed set of area units (format 2 `regions`): figures can be asked per region."""

    id: str
    name_en: str
    name_ar: str
    area_ids: tuple[str, ...]  # in the scenario's area order
    source: str
    note: str  # how it is defined
    mask: np.ndarray  # bool per area unit of the scenario: the unit is in the region
    area_km2: float  # the region's whole extent (every faction)
    note_ar: str = ""  # the note in Arabic ("": the English is shown)


@dataclass(frozen=True)
class BasemapFeature:
    name_en: str
    name_ar: str
    kind: str
    schematic: bool
    source: str
    geometry: shapely.Geometry  # map CRS


@dataclass(frozen=True)
class Basemap:
    """One basemap layer, stored by column (a layer may hold tens of thousands of points)."""

    layer: BasemapLayer
    geometries: np.ndarray  # shapely geometries, map CRS
    properties: tuple[dict[str, Any], ...]

    @cached_property
    def schematic(self) -> np.ndarray:
        """Per feature: drawn as schematic (authored) rather than surveyed."""
        return np.array(
            [bool(p.get("schematic", self.layer.schematic)) for p in self.properties], dtype=bool
        )

    @cached_property
    def features(self) -> tuple[BasemapFeature, ...]:
        return tuple(
            BasemapFeature(
                str(p.get("name_en") or ""),
                str(p.get("name_ar") or ""),
                str(p.get("kind") or p.get("typology") or ""),
                bool(schematic),
                str(p.get("source") or self.layer.source),
                g,
            )
            for p, g, schematic in zip(
                self.properties, self.geometries, self.schematic, strict=True
            )
        )


class DeferredBasemap:
    """A basemap layer read when it is first asked for (`BasemapLayers`), once: `read` gives the
    layer or raises ScenarioError naming the file's problems (then it is read again when next
    asked for: the file may have been mended)."""

    def __init__(self, read: Callable[[], Basemap]):
        self._read = read
        self._lock = threading.Lock()  # one read, whichever thread asks first
        self._basemap: Basemap | None = None

    def get(self) -> Basemap:
        with self._lock:
            if self._basemap is None:
                self._basemap = self._read()
            return self._basemap

    @property
    def is_read(self) -> bool:
        return self._basemap is not None


class BasemapLayers(Mapping[str, Basemap]):
    """A scenario's basemap layers by id. `load_scenario` reads the shown ones and defers the
    hidden ones (`DeferredBasemap`: the bundled damage layer's 14,058 points were ~40 ms of a
    ~100 ms load): those are read when first asked for (shown, exported, checked), and asking
    raises ScenarioError when the file turns out to be broken."""

    def __init__(self, layers: Mapping[str, Basemap | DeferredBasemap]):
        self._layers = dict(layers)

    @classmethod
    def select(cls, layers: Mapping[str, Basemap], ids: Iterable[str]) -> BasemapLayers:
        """These layers of another mapping, those not yet read left unread (and shared: read
        once for both)."""
        if isinstance(layers, BasemapLayers):
            return cls({i: layers._layers[i] for i in ids})
        return cls({i: layers[i] for i in ids})

    def __getitem__(self, layer_id: str) -> Basemap:
        layer = self._layers[layer_id]
        return layer.get() if isinstance(layer, DeferredBasemap) else layer

    def __contains__(self, layer_id: object) -> bool:
        """Whether the scenario lists the layer (without reading it, as Mapping's would)."""
        return layer_id in self._layers

    def __iter__(self) -> Iterator[str]:
        return iter(self._layers)

    def __len__(self) -> int:
        return len(self._layers)

    def is_read(self, layer_id: str) -> bool:
        """Whether the layer's file has been read (asking for it would not read it)."""
        layer = self._layers[layer_id]
        return not isinstance(layer, DeferredBasemap) or layer.is_read


@dataclass
class Scenario:
    """A loaded, validated scenario. Geometry is in the map CRS (UTM 37N, metres)."""

    path: Path
    meta: ScenarioFile
    areas: tuple[AreaUnit, ...]
    control: ControlTable
    exact_coverage: bool  # neighbouring units share their boundary vertex for vertex
    # every layer of `meta.basemap`: the shown ones read and validated at load, hidden ones when
    # first asked for (`BasemapLayers`; ScenarioError then if the file is broken)
    basemaps_by_id: Mapping[str, Basemap]
    area_index: dict[str, int] = field(init=False)
    faction_index: dict[str, int] = field(init=False)
    regions: tuple[Region, ...] = field(init=False)  # in the file's order
    region_index: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.area_index = {a.id: i for i, a in enumerate(self.areas)}
        self.faction_index = {f.id: i for i, f in enumerate(self.meta.factions)}
        regions = []
        for spec in self.meta.regions:
            mask = np.zeros(len(self.areas), dtype=bool)
            mask[[self.area_index[a] for a in spec.areas]] = True
            regions.append(
                Region(
                    spec.id,
                    spec.name_en,
                    spec.name_ar,
                    tuple(a.id for a, inside in zip(self.areas, mask, strict=True) if inside),
                    spec.source,
                    spec.note,
                    mask,
                    float(
                        sum(
                            a.area_km2 for a, inside in zip(self.areas, mask, strict=True) if inside
                        )
                    ),
                    note_ar=spec.note_ar,
                )
            )
        self.regions = tuple(regions)
        self.region_index = {r.id: i for i, r in enumerate(self.regions)}

    def region(self, region_id: str) -> Region:
        """One region by id (KeyError for an id the scenario does not list)."""
        return self.regions[self.region_index[region_id]]

    @property
    def title(self) -> str:
        return self.meta.title

    def basemap(self, layer_id: str) -> Basemap:
        """One basemap layer by id (KeyError for an id the scenario does not list; ScenarioError
        when a hidden layer, read now, is broken)."""
        return self.basemaps_by_id[layer_id]

    @property
    def basemaps(self) -> tuple[Basemap, ...]:
        """Every basemap layer, in the scenario's order (hidden ones read now if not yet)."""
        return tuple(self.basemaps_by_id[layer.id] for layer in self.meta.basemap)

    @property
    def factions(self) -> list[Faction]:
        return self.meta.factions

    @property
    def sources(self) -> dict[str, Source]:
        return {s.id: s for s in self.meta.sources}

    @property
    def brief(self) -> Source:
        return next(s for s in self.meta.sources if s.kind == "brief")

    @cached_property
    def events(self) -> tuple[Event, ...]:
        """Events in story order: by day, a chapter's opening first on its day, then as the file
        lists them (the author's order: several events of one day are told in that order)."""
        return tuple(sorted(self.meta.events, key=lambda e: (e.date.start, e.chapter is None)))

    @property
    def strength(self) -> list[Strength]:
        return self.meta.strength

    @property
    def claims(self) -> list[Claim]:
        return self.meta.claims

    @cached_property
    def disputes(self) -> tuple[Dispute, ...]:
        """Disputes in the file's order (`core.disputes` finds those touching an event or a time)."""
        return tuple(self.meta.disputes)

    @property
    def start(self) -> float:
        return day_number(self.meta.period.start)

    @property
    def end(self) -> float:
        return day_number(self.meta.period.end)

    @cached_property
    def event_times(self) -> tuple[float, ...]:
        return tuple(day_number(e.date.start) for e in self.events)

    @cached_property
    def hostile(self) -> np.ndarray:
        """hostile[i, j]: factions i and j fight each other (the default unless a relation says not)."""
        n = len(self.factions)
        matrix = ~np.eye(n, dtype=bool)
        for relation in self.meta.relations:
            i, j = (self.faction_index[f] for f in relation.factions)
            matrix[i, j] = matrix[j, i] = relation.hostile
        return matrix

    def source_of(self, reference: str) -> tuple[Source, str]:
        """The source and locator named by a reference string `ID#LOCATOR`."""
        source_id, _, locator = reference.partition("#")
        return self.sources[source_id], locator

    def from_brief(self, reference: str) -> bool:
        return self.source_of(reference)[0].kind == "brief"

    def after_brief(self, event: Event) -> bool:
        brief_date = self.brief.date
        return brief_date is not None and event.date.start > brief_date

    @cached_property
    def frames(self) -> FrameBuilder:
        """The scenario's frame builder (its caches live as long as the scenario)."""
        return FrameBuilder(self)

    def build_frames_on(self, previous: Scenario) -> None:
        """This scenario is an edit of `previous`: its frame builder takes over what `previous`
        computed that the edit left alone — the adjacency of the units it kept, and with the same
        units the sweeps it did not touch (nothing happens if either has no builder yet)."""
        if "frames" not in self.__dict__ and "frames" in previous.__dict__:
            self.__dict__["frames"] = FrameBuilder(self, previous.frames)

    def frame_at(self, t: float) -> Frame:
        """What the map looks like at instant t (clamped to the period)."""
        return self.frames.frame_at(min(max(t, self.start), self.end))

    @cached_property
    def geometries_wgs84(self) -> dict[str, shapely.Geometry]:
        """Each area's polygon(s) back in WGS84 lon/lat, for GIS exports."""
        projected = to_wgs84(np.array([a.geometry for a in self.areas], dtype=object))
        return {a.id: g for a, g in zip(self.areas, projected, strict=True)}
