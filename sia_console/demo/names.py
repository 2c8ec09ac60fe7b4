"""Fictional people, places and schools for the demo year.

Every name here is invented for ``sia-console demo``: the authorities do not exist, and
the places are made from ordinary Welsh and English place-name elements. Welsh names
keep their circumflexes (ŵ, ŷ, â) because real ones do, and every path of the program
must carry them intact. Proper names are not translated, and none of this is interface
text. :mod:`sia_console.demo.cast` draws one demo year's adviser and schools from them.
"""

from __future__ import annotations

from dataclasses import dataclass


def _names(text: str) -> tuple[str, ...]:
    """Names written compactly, separated by ``|``."""
    return tuple(text.split("|"))


@dataclass(frozen=True)
class DemoAuthority:
    """A fictional local authority and the places and clusters of its schools."""

    name: str
    country: str  # "wales" or "england"
    code: int
    """A three-digit authority number; school codes start with it."""

    postcode_area: str
    clusters: tuple[str, ...]
    places: tuple[str, ...]


WELSH_AUTHORITIES: tuple[DemoAuthority, ...] = (
    DemoAuthority(
        name="Sir Eryri",
        country="wales",
        code=671,
        postcode_area="LL",
        clusters=("Clwstwr Glaslyn", "Clwstwr Dyffryn Ogwen", "Clwstwr Arfon Wledig"),
        places=_names(
            "Glan-y-Dŵr|Tŷ Newydd|Llyn Brân|Bryn Tŵr|Cae'r Ŷd|Nant y Fâl|"
            "Pen-y-Groes Fach|Rhos Helyg|Llanfair Is Gaer"
        ),
    ),
    DemoAuthority(
        name="Bro Dyfrdwy",
        country="wales",
        code=674,
        postcode_area="LL",
        clusters=("Clwstwr Dyfrdwy Uchaf", "Clwstwr y Glannau", "Clwstwr Alun"),
        places=_names(
            "Pont-y-Gŵr|Maes Tŷ Gwyn|Cefn Brân|Pentre Dŵr|Rhyd-y-Cae|Gwern-y-Brân|"
            "Llanfair Dyfrdwy|Bodlonfa|Tŷ Isaf"
        ),
    ),
    DemoAuthority(
        name="Sir Teifi",
        country="wales",
        code=678,
        postcode_area="SA",
        clusters=("Clwstwr Glan Teifi", "Clwstwr Mynydd Bach", "Clwstwr Aeron"),
        places=_names(
            "Cwm Mân|Tŷ'n-y-Gors|Penrhiw Dŵr|Pant-y-Dŵr|Llanwenog Fach|Aberllan|"
            "Blaen-y-Cwm|Rhiw Brân|Felin Fâch"
        ),
    ),
    DemoAuthority(
        name="Dyffryn Tawelan",
        country="wales",
        code=683,
        postcode_area="SY",
        clusters=("Clwstwr Tawelan Uchaf", "Clwstwr y Gororau", "Clwstwr Hafren"),
        places=_names(
            "Cwm Tawelan|Tŷ Cerrig|Llan-y-Ŵyn|Pen-y-Cae|Blaen Tawelan|Hafod Dŵr|"
            "Castell Brân|Meifod Fach|Rhyd-y-Gâr"
        ),
    ),
)

ENGLISH_AUTHORITIES: tuple[DemoAuthority, ...] = (
    DemoAuthority(
        name="Severnvale Council",
        country="england",
        code=917,
        postcode_area="GL",
        clusters=("Vale and Wolds cluster", "Severn Edge cluster"),
        places=_names(
            "Ashcombe|Minsterley Green|Upper Wychbold|Hartswell|Longford Abbots|"
            "Kingsmead|Broadwell Cross"
        ),
    ),
    DemoAuthority(
        name="Marcher Borough Council",
        country="england",
        code=894,
        postcode_area="HR",
        clusters=("Clun Valley cluster", "Lugg and Arrow cluster"),
        places=_names(
            "Clunbury Cross|Lydford Parva|Wenlock Vale|Bishops Marden|Eardisley Green|"
            "Stokesay Heath|Oakbridge"
        ),
    ),
    DemoAuthority(
        name="North Wessex Council",
        country="england",
        code=866,
        postcode_area="SN",
        clusters=("Downs cluster", "Kennet Valley cluster"),
        places=_names(
            "Ashbury Downs|Collingford|Easton Royal Green|Ogbourne Wick|Pewsey Hatch|"
            "Winterbrook|Hanging Langford"
        ),
    ),
)

WELSH_MEDIUM_PATTERNS: tuple[str, ...] = (
    "Ysgol Gynradd {place}",
    "Ysgol {place}",
    "Ysgol Gymraeg {place}",
    "Ysgol Bro {place}",
)
BILINGUAL_PATTERNS: tuple[str, ...] = (
    "Ysgol {place}",
    "Ysgol Gynradd {place}",
    "Ysgol Eglwys {place}",
)
ENGLISH_MEDIUM_IN_WALES_PATTERNS: tuple[str, ...] = (
    "{place} County Primary School",
    "{place} Church in Wales Primary School",
    "Ysgol {place}",
)
ENGLISH_PATTERNS: tuple[str, ...] = (
    "{place} Primary School",
    "{place} CE Primary School",
    "{place} Church of England Voluntary Aided Primary School",
    "{place} Community Primary School",
    "{place} St Mary's Catholic Primary School",
)

NAMED_WELSH_SCHOOLS: tuple[str, ...] = _names(
    "Ysgol y Graig|Ysgol y Foryd|Ysgol Santes Dwynwen|Ysgol Glan Gwŷr|Ysgol Pen Rhâd"
)
"""Welsh-medium schools named for a feature or a saint rather than a place."""

WELSH_FIRST_NAMES: tuple[str, ...] = _names(
    "Siân|Gwenllïan|Elin|Meinir|Dafydd|Rhodri|Iwan|Catrin|Nia|Llinos|Gethin|"
    "Owain|Branwen|Heledd|Aled|Ffion|Eirlys|Mererid|Emyr|Tudur"
)
WELSH_SURNAMES: tuple[str, ...] = _names(
    "Jones|Hughes|Roberts|Prys|ap Dafydd|Llywelyn|Parry|Griffiths|Thomas|"
    "Ellis|Pritchard|Owen|Morgan|Rhys|Wyn Evans|Bowen|Gruffydd|Lloyd"
)
ENGLISH_FIRST_NAMES: tuple[str, ...] = _names(
    "Helen|Andrew|Sarah|Mark|Claire|Jonathan|Rachel|Stephen|Louise|Paul|"
    "Joanne|Simon|Karen|Richard|Imran|Priya|Deborah|Martin"
)
ENGLISH_SURNAMES: tuple[str, ...] = _names(
    "Marsh|Parfitt|Whitcombe|Hadley|Brookes|Chandler|Pearce|Fairbrother|Lowe|"
    "Ashby|Tranter|Goodall|Okafor|Shah|Bennett|Castle"
)

CONSORTIUM = "Gwasanaeth Gwella Ysgolion y Gororau"
"""The fictional regional school-improvement service the demo adviser works for."""

CONSORTIUM_EMAIL_DOMAIN = "gororau.example"
