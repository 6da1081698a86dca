"""Typed model of `scenario.json` (format versions 1 and 2); see docs/scenario-format.md.

Pydantic validates types and per-object rules here; cross-references (ids, periods, geometry) are checked
by `loading.load_scenario`, which knows the whole scenario.
"""

from __future__ import annotations

from datetime import date as Date  # noqa: N812 (fields named `date` shadow the type)
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from aleppo_desktop.core import limits

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
ArabicText = Annotated[str, StringConstraints(max_length=4000)]
"""An optional Arabic version of an English text (`*_ar`); empty: the English is shown."""
SourceRef = Annotated[str, StringConstraints(min_length=1, max_length=300)]
FillStyle = Literal["solid", "hatch", "cross", "dots"]
Confidence = Literal["confirmed", "claimed", "contested"]
CONFIDENCES: tuple[Confidence, ...] = ("confirmed", "claimed", "contested")
"""The confidences a control row may state (authored)."""
Style = Literal["confirmed", "claimed", "contested", "uncertain"]
STYLES: tuple[Style, ...] = (*CONFIDENCES, "uncertain")
"""How a holding is drawn: the authored confidences, then `uncertain`, which is derived (an area
while a change dated by a window, `date`..`until`, is under way). Frame confidence indices index this."""
UNCERTAIN = STYLES.index("uncertain")
FORMAT_VERSIONS = (1, 2)
EventKind = Literal[
    "ground_advance",
    "bombardment",
    "siege",
    "breach",
    "negotiation",
    "evacuation",
    "assessment",
    "political",
    "other",
]
ClaimKind = Literal["area_gained", "share_lost", "front_length", "head_count"]
LayerRole = Literal["reference", "damage"]


class Model(BaseModel):
    # NaN and infinity are refused everywhere: JSON readers let them through, comparisons then lie
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, allow_inf_nan=False)

    @field_validator("*", mode="after")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        """No control characters or lone surrogates in any text: every text is shown in a panel or
        written into an export (KML, GeoPackage, PDF) that cannot carry them."""
        texts = value if isinstance(value, list | tuple) else (value,)
        for text in texts:
            if isinstance(text, str):
                problem = limits.text_problem(text)
                if problem:
                    raise ValueError(problem)
        return value


class Period(Model):
    start: Date
    end: Date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end <= self.start:
            raise ValueError("period end must be after its start")
        for day in (self.start, self.end):
            if not limits.MIN_YEAR <= day.year <= limits.MAX_YEAR:
                raise ValueError(
                    f"{day} is not between the years {limits.MIN_YEAR} and {limits.MAX_YEAR}"
                )
        days = (self.end - self.start).days
        if days > limits.MAX_PERIOD_DAYS:
            raise ValueError(
                f"the period is {days} days long; at most {limits.MAX_PERIOD_DAYS} are allowed"
            )
        return self


class Source(Model):
    id: Id
    kind: Literal["brief", "article", "report", "dataset", "map", "other"]
    title: Text
    author: str = ""
    publisher: str = ""
    date: Date | None = None
    url: str = ""
    licence: str = ""
    paragraphs: bool = False
    note: str = ""


class FillStyles(Model):
    confirmed: FillStyle = "solid"
    claimed: FillStyle = "hatch"
    contested: FillStyle = "cross"
    uncertain: FillStyle = "dots"  # while a change dated by a window is under way (derived)


class Faction(Model):
    id: Id
    name_en: Text
    name_ar: Text
    colour: Colour
    colour_cb: Colour
    fill: FillStyles = FillStyles()


class Relation(Model):
    factions: tuple[Id, Id]
    hostile: bool
    source: SourceRef


class BasemapLayer(Model):
    id: Id
    title_en: Text
    title_ar: str = ""
    path: Text
    schematic: bool = False
    visible: bool = True
    # how the layer is drawn: "reference" features with labels, or "damage" as small translucent dots
    role: LayerRole = "reference"
    source: SourceRef

    @model_validator(mode="after")
    def _damage_hidden(self) -> BasemapLayer:
        if self.role == "damage" and self.visible:
            raise ValueError(
                "a damage layer is hidden until the user shows it: set visible to false"
            )
        return self


class EventDate(Model):
    start: Date
    end: Date | None = None
    precision: Literal["day", "approximate", "range"] = "day"

    @model_validator(mode="after")
    def _range(self) -> EventDate:
        if self.precision == "range":
            if self.end is None:
                raise ValueError("a range needs an end date")
            if self.end < self.start:
                raise ValueError("the range ends before it starts")
        elif self.end is not None:
            raise ValueError("only a range has an end date")
        return self


class Location(Model):
    point: tuple[float, float] | None = None
    areas: list[Id] | None = None

    @model_validator(mode="after")
    def _one(self) -> Location:
        if (self.point is None) == (self.areas is None):
            raise ValueError("a location is either a point [lon, lat] or a list of area ids")
        if self.point is not None:
            lon, lat = self.point
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise ValueError("the point is not a WGS84 [lon, lat]")
        if self.areas is not None and not self.areas:
            raise ValueError("the list of areas is empty")
        return self


class Event(Model):
    id: Id
    date: EventDate
    kind: EventKind
    title: Text
    summary: Text
    location: Location | None = None
    source: SourceRef
    chapter: str | None = None
    title_ar: ArabicText = ""
    summary_ar: ArabicText = ""
    chapter_ar: ArabicText = ""
    importance: Literal["major", "minor"] = "minor"
    outcome: Id | None = None


class Strength(Model):
    id: Id
    who: Id
    who_name: Text
    who_name_ar: ArabicText = ""
    faction: Id | None = None
    date: Date
    low: int = Field(ge=0, le=limits.MAX_NUMBER)
    high: int = Field(ge=0, le=limits.MAX_NUMBER)
    unit: Text = "fighters"
    scope: Literal["aleppo-city", "syria"]
    source: SourceRef
    reported_by: str = ""

    @model_validator(mode="after")
    def _range(self) -> Strength:
        if self.high < self.low:
            raise ValueError("high is below low")
        return self


class Claim(Model):
    id: Id
    statement: Text
    statement_ar: ArabicText = ""
    source: SourceRef
    kind: ClaimKind
    faction: Id | None = None
    from_faction: Id | None = None
    start: Date | None = None
    end: Date | None = None
    components: list[Id] = []
    # format 2: count only the territory inside this region (a `regions` id)
    region: Id | None = None
    # format 1 only: count only the territory connected to this area unit (e.g. a besieged enclave)
    enclave_of: Id | None = None
    comparator: Literal["about", "more_than", "less_than"]
    value: float = Field(ge=-limits.MAX_NUMBER, le=limits.MAX_NUMBER)
    unit: Literal["km2", "percent", "km", "people"]

    @model_validator(mode="after")
    def _fields_for_kind(self) -> Claim:
        needs: dict[str, tuple[str, ...]] = {
            "area_gained": ("faction", "from_faction", "start", "end"),
            "share_lost": ("faction", "start", "end"),
            "front_length": ("faction", "end"),
            "head_count": ("components",),
        }
        missing = [name for name in needs[self.kind] if not getattr(self, name)]
        if missing:
            raise ValueError(f"a {self.kind} claim needs {', '.join(missing)}")
        if self.start and self.end and self.end < self.start:
            raise ValueError("the claim's interval ends before it starts")
        if self.kind == "head_count" and (self.region or self.enclave_of):
            raise ValueError("a head_count claim counts people, not ground: it has no region")
        if self.region and self.enclave_of:
            raise ValueError("a claim names a region or an enclave_of anchor, not both")
        return self


class RegionDef(Model):
    """A named, fixed set of area units that figures can be asked about (format 2)."""

    id: Id
    name_en: Text
    name_ar: Text
    areas: list[Id]
    source: SourceRef
    note: Text  # how the region is defined, and by whom
    note_ar: ArabicText = ""

    @model_validator(mode="after")
    def _not_empty(self) -> RegionDef:
        if not self.areas:
            raise ValueError(f"region {self.id} lists no area units")
        return self


DisputeAbout = Literal["date", "place", "number", "name", "extent", "other"]


class DisputeVersion(Model):
    """What one source says."""

    id: Id  # short and unique within its dispute, e.g. "brief", "wikipedia"
    source: SourceRef
    says: Text
    says_ar: ArabicText = ""
    date: EventDate | None = None  # the date or range this version gives, when it gives one


class Dispute(Model):
    """Sources that disagree, shown rather than hidden (format 2)."""

    id: Id
    title: Text  # what is disputed
    title_ar: ArabicText = ""
    about: DisputeAbout = "other"
    versions: list[DisputeVersion]
    follows: Id | None  # the version the map follows (null: the map takes no side)
    why: Text  # why the map follows that version (or none)
    why_ar: ArabicText = ""
    events: list[Id] = []  # events the dispute bears on
    date: EventDate | None = None  # where it sits on the timeline; default: its events' span

    @model_validator(mode="after")
    def _consistent(self) -> Dispute:
        if len(self.versions) < 2:
            raise ValueError("a dispute needs at least two versions")
        ids = [v.id for v in self.versions]
        if len(set(ids)) != len(ids):
            raise ValueError("the versions of a dispute need distinct ids")
        if self.follows is not None and self.follows not in ids:
            raise ValueError(
                f"follows {self.follows!r} is not one of the versions ({', '.join(ids)})"
            )
        if self.date is None and not self.events:
            raise ValueError("a dispute needs a date or related events to sit on the timeline")
        return self


class ScenarioFile(Model):
    format_version: Literal[1, 2]
    title: Text
    subtitle: str = ""
    title_ar: ArabicText = ""
    subtitle_ar: ArabicText = ""
    period: Period
    time_zone: Text
    tween_days: float = Field(default=1.0, gt=0, le=7)
    sources: list[Source] = Field(min_length=1, max_length=limits.MAX_ITEMS)
    factions: list[Faction] = Field(min_length=1, max_length=limits.MAX_FACTIONS)
    relations: list[Relation] = Field(default=[], max_length=limits.MAX_ITEMS)
    area_units: Text
    control: Text
    basemap: list[BasemapLayer] = Field(default=[], max_length=100)
    events: list[Event] = Field(default=[], max_length=limits.MAX_EVENTS)
    strength: list[Strength] = Field(default=[], max_length=limits.MAX_ITEMS)
    claims: list[Claim] = Field(default=[], max_length=limits.MAX_ITEMS)
    regions: list[RegionDef] = Field(default=[], max_length=limits.MAX_ITEMS)  # format 2
    disputes: list[Dispute] = Field(default=[], max_length=limits.MAX_ITEMS)  # format 2
