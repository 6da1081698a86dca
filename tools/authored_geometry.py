"""Authored geometry of the Aleppo 2016 scenario: what no open dataset gives us.

Read by tools/convert_geodata.py. Every feature carries the source of its position. Coordinates are
(lon, lat) in WGS84. Nothing here is surveyed: the schematic features are drawn so the app can show
where a road or a place is *roughly*, and the area units only have to put the countryside outside
the csr-aleppo neighbourhood fabric on the right side of the city.

Area units ("seeds")
    Each `AREA_UNITS` entry has a rough `seed` polygon (or `seed_line` + `seed_width_m`, a corridor
    around a line). The conversion clips the seeds, in list order (earlier wins), to the mapped
    extent minus the neighbourhood fabric, then gives every part of the extent that no seed covers
    to the nearest authored unit. So a seed only has to be right about *which side* a place is on;
    its outer edges may run past the extent or into the fabric.

Positions marked "placed relative to nb-N" were placed by eye on a rendering of the csr-aleppo
neighbourhoods (tools/plot_areas.py) from the relation a text states (e.g. "north of Layramoun");
they carry no coordinate source of their own.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Schematic lines (basemap/schematic.geojson). Vertices (lon, lat).
# ---------------------------------------------------------------------------------------------
CASTELLO_ROAD = [
    (37.1665, 36.2440),  # Jandoul roundabout, NE corner of nb-39 Sheikh Maqsoud
    (37.1580, 36.2500),
    (37.1440, 36.2545),  # Castello restaurant / amusement park
    (37.1260, 36.2585),
    (37.1100, 36.2625),  # Layramoun north junction (Castello Road meets the Azaz road)
    (37.0960, 36.2700),
    (37.0880, 36.2820),  # junction towards Hraytan / Kafr Hamra
    (37.0820, 36.2990),
    (37.0700, 36.3200),  # on towards Anadan and the Turkish border
]

SCHEMATIC_LINES = [
    {
        "id": "road-castello",
        "name_en": "Castello Road",
        "name_ar": "طريق الكاستيلو",
        "kind": "road",
        "coords": CASTELLO_ROAD,
        "source": "wp-summer-2016#Castello Road; placed relative to nb-39, nb-124 and nb-52 "
        "of csr-aleppo (road runs north of Sheikh Maqsoud and Layramoun towards Kafr Hamra)",
    },
    {
        "id": "river-queiq",
        "name_en": "Queiq river",
        "name_ar": "نهر قويق",
        "kind": "river",
        # The Queiq runs north-south through the gap in the fabric between nb-1 al-Aziziyeh /
        # nb-75 al-Jamiliyeh and nb-9 al-Ansari, then south past Sheikh Said towards Khan Tuman.
        "coords": [
            (37.1270, 36.2600),
            (37.1330, 36.2400),
            (37.1400, 36.2250),
            (37.1440, 36.2120),
            (37.1455, 36.2000),
            (37.1430, 36.1880),
            (37.1440, 36.1760),
            (37.1400, 36.1600),
            (37.1250, 36.1400),
            (37.1000, 36.1200),
            (37.0600, 36.1050),
            (37.0350, 36.0900),
        ],
        "source": "placed relative to the river-valley gap between nb-1/nb-75 and nb-9 of "
        "csr-aleppo; course south of the city towards Khan Tuman after Wikipedia, Khan Tuman "
        "(on the Queiq, south-west of Aleppo)",
    },
    {
        "id": "road-ramouseh",
        "name_en": "Ramouseh road (Aleppo–Damascus highway entry)",
        "name_ar": "طريق الراموسة",
        "kind": "road",
        "coords": [
            (37.1520, 36.1860),
            (37.1400, 36.1720),  # Ramouseh roundabout
            (37.1330, 36.1500),
            (37.1250, 36.1200),
            (37.1150, 36.0740),
        ],
        "source": "placed relative to nb-8 al-Amiriyeh, nb-33 Ramouseh industrial districts "
        "and nb-112 Sheikh Said of csr-aleppo",
    },
    {
        "id": "road-airport",
        "name_en": "Airport road",
        "name_ar": "طريق المطار",
        "kind": "road",
        "coords": [(37.1700, 36.1980), (37.1900, 36.1920), (37.2100, 36.1860)],
        "source": "placed relative to nb-84 Karm al-Myassar and nb-17 Aleppo International "
        "Airport of csr-aleppo",
    },
    {
        "id": "road-ring-north",
        "name_en": "Northern ring road",
        "name_ar": "الطريق الدائري الشمالي",
        "kind": "road",
        "coords": [
            (37.1100, 36.2330),
            (37.1400, 36.2420),
            (37.1665, 36.2440),
            (37.1900, 36.2360),
            (37.2150, 36.2200),
        ],
        "source": "placed along the northern edge of the fabric (nb-52, nb-39, nb-44, nb-67, "
        "nb-65) of csr-aleppo",
    },
]

# ---------------------------------------------------------------------------------------------
# Schematic points. "at": (lon, lat), or "centroid_of": a csr-aleppo neighbourhood source Id.
# ---------------------------------------------------------------------------------------------
SCHEMATIC_POINTS = [
    {
        "id": "pt-citadel",
        "name_en": "Aleppo Citadel",
        "name_ar": "قلعة حلب",
        "kind": "place",
        "centroid_of": 16,
        "source": "centroid of nb-16 of csr-aleppo",
    },
    {
        "id": "pt-airport",
        "name_en": "Aleppo International Airport",
        "name_ar": "مطار حلب الدولي",
        "kind": "base",
        "centroid_of": 17,
        "source": "centroid of nb-17 of csr-aleppo",
    },
    {
        "id": "pt-nayrab-airbase",
        "name_en": "Nayrab airbase",
        "name_ar": "مطار النيرب العسكري",
        "kind": "base",
        "at": (37.2320, 36.1840),
        "source": "placed relative to nb-17 and nb-28 of csr-aleppo (military side of the airport)",
    },
    {
        "id": "pt-sheikh-said",
        "name_en": "Sheikh Said",
        "name_ar": "الشيخ سعيد",
        "kind": "place",
        "centroid_of": 112,
        "source": "centroid of nb-112 of csr-aleppo",
    },
    {
        "id": "pt-handarat-camp",
        "name_en": "Handarat camp",
        "name_ar": "مخيم حندرات",
        "kind": "camp",
        "at": (37.1835, 36.2685),
        "source": "brief paragraph 4; placed relative to nb-44 Ayn at-Tal of csr-aleppo: on a hill "
        "north of the city, "
        "east of the Castello Road (The New Arab, 24 Sep 2016, https://www.newarab.com/news/"
        "syrian-regime-forces-capture-aleppo-refugee-camp)",
    },
    {
        "id": "pt-hill-400",
        "name_en": "Hill 400",
        "name_ar": "التلة 400",
        "kind": "hill",
        "at": (37.1920, 36.1760),
        "source": "brief paragraph 8 (a strategic point west of the airport; wp-nov-dec-2016, 25 "
        "November, calls it Hill 420, Police Hill, taken with southern Sheikh Lutfi); placed east "
        "of nb-88 (read as Sheikh Lutfi) and between nb-84/nb-81 and nb-17 of csr-aleppo",
    },
    {
        "id": "pt-bani-zeid",
        "name_en": "Bani Zeid",
        "name_ar": "بني زيد",
        "kind": "place",
        "at": (37.1380, 36.2470),
        "source": "placed relative to nb-124 as-Sakan ash-Shababi (Bani Zeid youth housing) of "
        "csr-aleppo; wp-summer-2016",
    },
    {
        "id": "pt-jandoul",
        "name_en": "Jandoul roundabout",
        "name_ar": "دوار الجندول",
        "kind": "place",
        "at": CASTELLO_ROAD[0],
        "source": "placed at the NE corner of nb-39 Sheikh Maqsoud of csr-aleppo, where the "
        "Castello Road enters the city",
    },
    {
        "id": "pt-ramouseh-roundabout",
        "name_en": "Ramouseh roundabout",
        "name_ar": "دوار الراموسة",
        "kind": "place",
        "at": (37.1400, 36.1720),
        "source": "placed relative to nb-8 al-Amiriyeh and nb-116 Tal az-Zarazir of csr-aleppo",
    },
    {
        "id": "pt-1070-project",
        "name_en": "1070 apartments project",
        "name_ar": "مشروع 1070 شقة",
        "kind": "place",
        "at": (37.0840, 36.1620),
        "source": "placed south-west of nb-63 al-Hamdaniyeh V / nb-121 Tishreen of csr-aleppo "
        "(wp-summer-2016: '1070 Al-Hamdaniyah Housing Project')",
    },
    {
        "id": "pt-dahiyet-al-assad",
        "name_en": "Dahiyet al-Assad",
        "name_ar": "ضاحية الأسد",
        "kind": "place",
        "at": (37.0680, 36.1880),
        "source": "placed west of nb-121 Tishreen (north) / nb-94 New Aleppo of csr-aleppo",
    },
    {
        "id": "pt-ramouseh-academy",
        "name_en": "Ramouseh artillery academy",
        "name_ar": "كلية المدفعية",
        "kind": "base",
        "at": (37.1050, 36.1400),
        "source": "placed south of nb-33 Ramouseh industrial district I of csr-aleppo "
        "(wp-summer-2016: academies on the Ramouseh hill by the Ramouseh road)",
    },
    {
        "id": "pt-layramoun",
        "name_en": "Layramoun roundabout",
        "name_ar": "دوار الليرمون",
        "kind": "place",
        "at": (37.1180, 36.2370),
        "source": "placed at the SE edge of nb-52 al-Belleramoon of csr-aleppo",
    },
    {
        "id": "pt-kindi-hospital",
        "name_en": "Kindi hospital",
        "name_ar": "مشفى الكندي",
        "kind": "place",
        "at": (37.2015, 36.2475),
        "source": "placed north-east of nb-67 al-Haydariyeh of csr-aleppo, towards Sheikh Najjar",
    },
    {
        "id": "pt-shqeif",
        "name_en": "Shqeif industrial area",
        "name_ar": "منطقة الشقيف الصناعية",
        "kind": "place",
        "at": (37.1865, 36.2540),
        "source": "xinhua-2016-10-02 (Shqeif industrial area, beside the Kindi hospital); placed "
        "west of the schematic Kindi hospital, north of nb-47 Ba'aiedeen of csr-aleppo",
    },
    {
        "id": "pt-oweija",
        "name_en": "al-Oweija",
        "name_ar": "العويجة",
        "kind": "place",
        "at": (37.1685, 36.2500),
        "source": "oweija-2016-10-08 (al-Oweija, with the Jandoul roundabout); placed north of the "
        "Jandoul roundabout, east of the schematic Castello Road",
    },
    {
        "id": "pt-zouhor-hill",
        "name_en": "Zouhor hill",
        "name_ar": "تلة الزهور",
        "kind": "hill",
        "at": (37.2080, 36.2320),
        "source": "wp-nov-dec-2016#19 November (overlooks Hanano; the old Sheikh Najjar factories "
        "lie south-west of it); placed north-east of nb-65 Hanano of csr-aleppo",
    },
    {
        "id": "pt-cement-plant",
        "name_en": "Sheikh Said cement plant",
        "name_ar": "معمل الإسمنت في الشيخ سعيد",
        "kind": "place",
        "at": (37.1620, 36.1500),
        "source": "South Front, 11 Aug 2016 (cement plant south of Sheikh Said, army-held); "
        "brief paragraph 8 (offensive launched from the Sheikh Said district); placed south of "
        "nb-112 Sheikh Said of csr-aleppo",
    },
    {
        "id": "pt-hikma-hill",
        "name_en": "al-Hikma school and hill",
        "name_ar": "مدرسة الحكمة وتلتها",
        "kind": "hill",
        "at": (37.0810, 36.1510),
        "source": "wp-summer-2016 (31 July; 21 September: Hikma Hill on the southern outskirts, "
        "by the 1070 project); placed south of the schematic 1070 project",
    },
    {
        "id": "pt-mallah-farms",
        "name_en": "al-Mallah farms",
        "name_ar": "مزارع الملاح",
        "kind": "place",
        "at": (37.1300, 36.2750),
        "source": "placed north of the schematic Castello Road, west of Handarat (wp-summer-2016)",
    },
    {
        "id": "pt-khan-tuman",
        "name_en": "Khan Tuman",
        "name_ar": "خان طومان",
        "kind": "place",
        "at": (37.0400, 36.1150),
        "source": "Wikipedia, Khan Touman (village on the Queiq south-west of Aleppo), "
        "https://en.wikipedia.org/wiki/Khan_Touman; placed schematically",
    },
    {
        "id": "pt-kafr-hamra",
        "name_en": "Kafr Hamra",
        "name_ar": "كفر حمرة",
        "kind": "place",
        "at": (37.0833, 36.2500),
        "source": "Wikipedia (de), Kafr Hamrah: 36°15′N 37°5′E, "
        "https://de.wikipedia.org/wiki/Kafr_Hamrah",
    },
    {
        "id": "pt-anadan",
        "name_en": "Anadan",
        "name_ar": "عندان",
        "kind": "place",
        "at": (37.0450, 36.2950),
        "source": "placed north-west of Kafr Hamra along the Castello/Gaziantep road (schematic)",
    },
    {
        "id": "pt-hraytan",
        "name_en": "Hraytan",
        "name_ar": "حريتان",
        "kind": "place",
        "at": (37.0850, 36.2900),
        "source": "placed north of Kafr Hamra on the schematic Castello Road (schematic)",
    },
    {
        "id": "pt-sakhour-roundabout",
        "name_en": "al-Sakhour roundabout",
        "name_ar": "دوار الصاخور",
        "kind": "place",
        "at": (37.1880, 36.2130),
        "source": "placed at the western edge of nb-29 as-Sakhour of csr-aleppo",
    },
    {
        "id": "pt-bustan-al-qasr-crossing",
        "name_en": "Bustan al-Qasr crossing",
        "name_ar": "معبر بستان القصر",
        "kind": "place",
        "centroid_of": 54,
        "source": "centroid of nb-54 Bustan al-Qaser of csr-aleppo (the crossing lay in the "
        "district; exact spot not sourced)",
    },
    {
        "id": "pt-castello-restaurant",
        "name_en": "Castello restaurant",
        "name_ar": "مطعم الكاستيلو",
        "kind": "place",
        "at": CASTELLO_ROAD[2],
        "source": "placed on the schematic Castello Road north of nb-124 of csr-aleppo",
    },
    {
        "id": "pt-sheikh-najjar",
        "name_en": "Sheikh Najjar industrial city",
        "name_ar": "المدينة الصناعية بالشيخ نجار",
        "kind": "place",
        "centroid_of": 70,
        "source": "centroid of nb-70 of csr-aleppo",
    },
]

# ---------------------------------------------------------------------------------------------
# Authored area units, in priority order (earlier seeds win where seeds overlap).
# ---------------------------------------------------------------------------------------------


def _box(lon0: float, lat0: float, lon1: float, lat1: float) -> list[tuple[float, float]]:
    return [(lon0, lat0), (lon1, lat0), (lon1, lat1), (lon0, lat1)]


AREA_UNITS = [
    {
        "id": "out-bani-zeid",
        "what": (
            "strip of Bani Zeid between the youth housing (nb-124, in the fabric) and the Castello Road"
        ),
        "name_en": "Bani Zeid (north edge)",
        "name_ar": "بني زيد",
        "seed": _box(37.126, 36.2445, 37.146, 36.2535),
        "source": "authored#wp-summer-2016 (Bani Zeid, captured 28 July); the Bani Zeid youth "
        "housing itself is nb-124 as-Sakan ash-Shababi of csr-aleppo: this unit is only the "
        "strip between it and the Castello Road",
    },
    {
        "id": "out-castello-road",
        "what": (
            "the city end of the Castello Road, from the Jandoul roundabout past the Castello "
            "restaurant and Castello Hill to the Layramoun junction"
        ),
        "name_en": "Castello Road (city end)",
        "name_ar": "طريق الكاستيلو (مدخل المدينة)",
        "seed_line": CASTELLO_ROAD[1:5],
        "seed_width_m": 500.0,
        "source": "authored#brief paragraph 3 and wp-summer-2016 (Castello Road cut on 17 July "
        "at Castello Hill; the Castello amusement park taken on 26 July); a 500 m band around "
        "the schematic road road-castello from its vertex 1 to the Layramoun junction",
    },
    {
        "id": "out-castello-road-north",
        "what": (
            "the Castello Road beyond the cut, from the Layramoun junction towards the Hraytan "
            "junction"
        ),
        "name_en": "Castello Road (towards Hraytan)",
        "name_ar": "طريق الكاستيلو (باتجاه حريتان)",
        "seed_line": CASTELLO_ROAD[4:7],
        "seed_width_m": 500.0,
        "source": "authored#wp-summer-2016 (the road under army fire from 7 July, cut nearer the "
        "city on 17 July; it led on into the rebel-held Kafr Hamra and Hraytan countryside); a "
        "500 m band around the schematic road road-castello from the Layramoun junction to the "
        "Hraytan junction",
    },
    {
        "id": "out-oweija",
        "what": "al-Oweija and the approaches to the Jandoul roundabout, north-east of Sheikh Maqsoud",
        "name_en": "al-Oweija and the Jandoul approaches",
        "name_ar": "العويجة ومداخل دوار الجندول",
        "seed": _box(37.155, 36.2400, 37.177, 36.2560),
        "source": "authored#oweija-2016-10-08 (al-Oweija and the Jandoul roundabout, taken 8 "
        "October); placed north of the Jandoul roundabout (NE corner of nb-39 Sheikh Maqsoud of "
        "csr-aleppo) and east of the schematic Castello Road, position not surveyed",
    },
    {
        "id": "out-oweija-hills",
        "what": "Tal Oweija and Tal al-Asfar, the hills north of al-Oweija, south-west of Handarat camp",
        "name_en": "Tal Oweija and Tal al-Asfar",
        "name_ar": "تل العويجة وتل الأصفر",
        "seed": _box(37.158, 36.2560, 37.177, 36.2660),
        "source": "authored#alalam-2016-10-14 (Tal Oweija and Tal al-Asfar, taken 13 October, the "
        "last of the northern push); placed between the al-Oweija unit and Handarat camp, "
        "positions not sourced",
    },
    {
        "id": "out-handarat-camp",
        "what": "the Handarat (Ein al-Tal) Palestinian refugee camp and the ground the rebels held round it",
        "name_en": "Handarat camp",
        "name_ar": "مخيم حندرات",
        "seed": _box(37.177, 36.2620, 37.190, 36.2750),
        "source": "authored#brief paragraph 4 (Handarat, former Palestinian refugee camp north of "
        "the city); newarab-2016-09-24 (on a hill north of the city, east of the Castello Road); "
        "placed round the schematic pt-handarat-camp, about 2.5 km north of nb-44 Ayn at-Tal of "
        "csr-aleppo",
    },
    {
        "id": "out-shqeif",
        "what": "the Shqeif industrial area, between al-Oweija and the Kindi hospital",
        "name_en": "Shqeif industrial area",
        "name_ar": "منطقة الشقيف الصناعية",
        "seed": _box(37.177, 36.2360, 37.196, 36.2620),
        "source": "authored#xinhua-2016-10-02 (the Shqeif industrial area, taken 2 October); "
        "placed north of nb-47 Ba'aiedeen and nb-44 Ayn at-Tal of csr-aleppo, south of Handarat "
        "camp",
    },
    {
        "id": "out-kindi-hospital",
        "what": "the al-Kindi hospital compound and its slopes, north of al-Haydariyeh",
        "name_en": "al-Kindi hospital",
        "name_ar": "مشفى الكندي",
        "seed": _box(37.196, 36.2360, 37.207, 36.2560),
        "source": "authored#alalam-2016-10-04 (the Kindi hospital, retaken 29 September-3 "
        "October); wp-battle-aleppo (the hospital on the north-eastern edge of the city); placed "
        "north-east of nb-67 al-Haydariyeh of csr-aleppo, towards Sheikh Najjar",
    },
    {
        "id": "out-zouhor-factories",
        "what": "Zouhor hill and the old Sheikh Najjar factories, north-east of Hanano",
        "name_en": "Zouhor hill and the old Sheikh Najjar factories",
        "name_ar": "تلة الزهور ومعامل الشيخ نجار القديمة",
        "seed": _box(37.196, 36.2220, 37.215, 36.2360),
        "source": "authored#wp-nov-dec-2016 (19 November: Zouhor hill, overlooking Hanano, and "
        "most of the old Sheikh Najjar factories south-west of it; 21 November: further advances "
        "there); placed north-east of nb-65 Hanano of csr-aleppo, west of the industrial city "
        "nb-70",
    },
    {
        "id": "out-layramoun-north",
        "what": "open ground north of al-Layramoun (nb-52) up to the Castello Road junction",
        "name_en": "North of Layramoun",
        "name_ar": "شمال الليرمون",
        "seed": _box(37.095, 36.2500, 37.126, 36.2660),
        "source": "authored#wp-summer-2016 (al-Layramoun); placed north of nb-52 al-Belleramoon "
        "of csr-aleppo up to the Castello Road junction",
    },
    {
        "id": "out-mallah-farms",
        "what": "al-Mallah farmland north of the Castello Road",
        "name_en": "al-Mallah farms",
        "name_ar": "مزارع الملاح",
        "seed": _box(37.100, 36.2580, 37.158, 36.3050),
        "source": "authored#wp-summer-2016 (Mallah Farms, north of the Castello Road)",
    },
    {
        "id": "out-handarat",
        "what": (
            "Handarat village and the hills round the camp, north of the city and east of the "
            "Castello Road"
        ),
        "name_en": "Handarat village and hills",
        "name_ar": "حندرات وتلالها",
        "seed": _box(37.158, 36.2480, 37.1880, 36.3050),
        "source": "authored#wp-battle-aleppo (Handarat village retaken by the army in March 2015); "
        "brief paragraph 4 (the army attacks from Handarat); the rest of the former 17.6 km² "
        "Handarat unit once the camp, Tal Oweija and al-Oweija are split off",
    },
    {
        "id": "out-sheikh-najjar-approaches",
        "what": (
            "open ground between Handarat and the Sheikh Najjar industrial city, north of the "
            "Kindi hospital"
        ),
        "name_en": "Approaches to Sheikh Najjar",
        "name_ar": "مداخل المدينة الصناعية بالشيخ نجار",
        "seed": _box(37.1880, 36.2300, 37.2150, 36.3050),
        "source": "authored#wp-battle-aleppo (Sheikh Najjar taken by the army in 2014, Handarat in "
        "2015); the rest of the former 17.8 km² Kindi-Shqeif unit once the hospital, Shqeif and "
        "the Zouhor hill factories are split off; placed between Handarat and nb-70 Sheikh "
        "Najjar of csr-aleppo",
    },
    {
        "id": "out-north-hills",
        "what": (
            "hills north of Handarat and Mallah (Aleppo Central Prison direction); added to close the north"
        ),
        "name_en": "Hills north of Handarat and Mallah",
        "name_ar": "التلال شمال حندرات والملاح",
        "seed": _box(37.100, 36.3050, 37.2150, 36.3700),
        "source": "authored#wp-battle (al-Brej hill and the supply road between Aleppo Central "
        "Prison and the Handarat and al-Mallah areas); placed north of the Mallah and Handarat "
        "units, positions not sourced",
    },
    {
        "id": "out-kafr-hamra-hraytan",
        "what": "rebel-held north-western countryside: Kafr Hamra, Hraytan, Anadan direction",
        "name_en": "Kafr Hamra, Hraytan and Anadan countryside",
        "name_ar": "ريف كفر حمرة وحريتان وعندان",
        "seed": _box(36.990, 36.2400, 37.100, 36.3700),
        "source": "authored#wp-summer-2016 (rebel-held north-western countryside)",
    },
    {
        "id": "out-north-east",
        "what": (
            "regime-held north-east countryside around the Sheikh Najjar industrial city (nb-70), Kuweires direction"
        ),
        "name_en": "North-eastern countryside",
        "name_ar": "الريف الشمالي الشرقي",
        "seed": _box(37.2150, 36.2150, 37.400, 36.3700),
        "source": "authored#wp-battle (Sheikh Najjar industrial city and the Kuweires direction)",
    },
    {
        "id": "out-hill-400",
        "what": (
            "Hill 400 (Wikipedia: Hill 420, Police Hill) and its slopes, east of Sheikh Lutfi and "
            "west of the airport"
        ),
        "name_en": "Hill 400 (Police Hill)",
        "name_ar": "التلة 400 (تلة الشرطة)",
        "seed": _box(37.1850, 36.1700, 37.1980, 36.1820),
        "source": "authored#brief paragraph 8 (Hill 400, a strategic point west of the airport); "
        "wp-nov-dec-2016 (25 November: 'the southern Hill 420 (Police Hill)', taken with "
        "southern Sheikh Lutfi); placed east of nb-88 (read as Sheikh Lutfi) and nb-89 al-Marjeh "
        "of csr-aleppo, about 1.5 km across",
    },
    {
        "id": "out-airport-west",
        "what": (
            "the airport's western perimeter and the airport road between the eastern districts "
            "and the airport"
        ),
        "name_en": "Airport perimeter (west)",
        "name_ar": "محيط المطار (الغرب)",
        "seed": _box(37.1850, 36.1500, 37.2120, 36.1900),
        "source": "authored#wp-nov-dec-2016 (29 November: al-Jazmati and al-Ma'saraniyah taken to "
        "secure the airport and its road, so the front ran at the districts' edge); the rest of "
        "the former 11.5 km² Hill 400 unit; placed between nb-84/nb-81 and nb-17 of csr-aleppo",
    },
    {
        "id": "out-airport-east",
        "what": (
            "countryside around and east of the airport and Nayrab airbase (nb-17, nb-28) and Jibreen"
        ),
        "name_en": "East of the airport",
        "name_ar": "شرق المطار",
        "seed": _box(37.2120, 36.1220, 37.400, 36.2150),
        "source": "authored#wp-battle (Nayrab airbase and the eastern countryside); placed "
        "around nb-17, nb-28, nb-71 and nb-76 of csr-aleppo",
    },
    {
        "id": "out-ramouseh-corridor",
        "what": (
            "the August 2016 rebel corridor through Ramouseh, between the academies, the Ramouseh industrial districts and Sheikh Said"
        ),
        "name_en": "Ramouseh corridor (August 2016)",
        "name_ar": "ممر الراموسة",
        "seed": _box(37.1230, 36.1220, 37.1500, 36.1780),
        "source": "authored#wp-summer-2016 (rebel link-up through Ramouseh, 6 August); placed "
        "between nb-33, nb-35, nb-36, nb-8 and nb-112 of csr-aleppo",
    },
    {
        "id": "out-cement-plant",
        "what": "the Sheikh Said cement plant and its hill, south of Sheikh Said",
        "name_en": "Sheikh Said cement plant",
        "name_ar": "معمل الإسمنت في الشيخ سعيد",
        "seed": _box(37.1500, 36.1400, 37.1760, 36.1620),
        "source": "authored#South Front, 11 Aug 2016, 'Detailed look at clashes for strategic "
        "Ramouseh roundabout' (cement plant held by the army; http://heartoforient.blogspot.com/"
        "2016/08/detailed-look-at-clashes-for-strategic.html); brief paragraph 8 (the northward "
        "push from Sheikh Said); placed south of nb-112 Sheikh Said and east of nb-36 of "
        "csr-aleppo",
    },
    {
        "id": "out-sheikh-said-south",
        "what": "countryside south-east of Sheikh Said, between the cement plant and the airport",
        "name_en": "South-east of Sheikh Said",
        "name_ar": "جنوب شرق الشيخ سعيد",
        "seed": [
            (37.1500, 36.1220),
            (37.2120, 36.1220),
            (37.2120, 36.1500),
            (37.1800, 36.1500),
            (37.1720, 36.1920),
            (37.1500, 36.1920),
        ],
        "source": "authored#South Front, 11 Aug 2016, 'Detailed look at clashes for strategic "
        "Ramouseh roundabout' (cement plant held by the army; http://heartoforient.blogspot.com/"
        "2016/08/detailed-look-at-clashes-for-strategic.html); placed south and east of nb-112 "
        "Sheikh Said of csr-aleppo",
    },
    {
        "id": "out-ramouseh-academies",
        "what": (
            "the artillery academy and the armament college, on the Ramouseh hill south-west of "
            "the city"
        ),
        "name_en": "Ramouseh artillery academy and armament college",
        "name_ar": "كلية المدفعية وكلية التسليح في الراموسة",
        "seed": _box(37.0920, 36.1330, 37.1230, 36.1500),
        "source": "authored#wp-summer-2016 (artillery, armament and air technical colleges); "
        "placed south-west of nb-33 Ramouseh industrial districts of csr-aleppo",
    },
    {
        "id": "out-air-technical-college",
        "what": "the Air Force technical college (base), south of the artillery academy",
        "name_en": "Air Force technical college",
        "name_ar": "الكلية الفنية الجوية",
        "seed": _box(37.0920, 36.1220, 37.1230, 36.1330),
        "source": "authored#wp-summer-2016 (17 August: the army storms the Air Force Technical "
        "Base; 4 September: the whole complex retaken); placed south of the artillery academy "
        "unit, position within the complex not sourced",
    },
    {
        "id": "out-1070-project",
        "what": "the 1070 apartments project, south-west of al-Hamdaniyeh",
        "name_en": "1070 apartments project",
        "name_ar": "مشروع 1070 شقة",
        "seed": _box(37.0700, 36.1570, 37.0920, 36.1720),
        "source": "authored#wp-summer-2016 (1070 Al-Hamdaniyah Housing Project); placed "
        "south-west of nb-121 Tishreen and nb-63 al-Hamdaniyeh V of csr-aleppo",
    },
    {
        "id": "out-hikma-hill",
        "what": "al-Hikma school and Hikma Hill, south of the 1070 project",
        "name_en": "al-Hikma school and hill",
        "name_ar": "مدرسة الحكمة وتلتها",
        "seed": _box(37.0700, 36.1450, 37.0920, 36.1570),
        "source": "authored#wp-summer-2016 (31 July: the rebels take the al-Hikma school and two "
        "hills on the southern outskirts; 21 September: Hikma Hill fought over by the 1070 "
        "project); placed south of the 1070 project unit, position not surveyed",
    },
    {
        "id": "out-dahiyet-al-assad",
        "what": "Dahiyet al-Assad and the 3000 apartments project, western edge",
        "name_en": "Dahiyet al-Assad and the 3000 apartments project",
        "name_ar": "ضاحية الأسد ومشروع 3000 شقة",
        "seed": _box(37.0500, 36.1720, 37.0820, 36.2000),
        "source": "authored#wp-summer-2016 (Dahiyet al-Assad, 3000 apartments project); placed "
        "west of nb-121 Tishreen (north) and nb-94 New Aleppo of csr-aleppo",
    },
    {
        "id": "out-new-aleppo-west",
        "what": (
            "western suburbs beyond New Aleppo and az-Zahraa (Air Force Intelligence direction)"
        ),
        "name_en": "West of New Aleppo and az-Zahraa",
        "name_ar": "غرب حلب الجديدة والزهراء",
        "seed": _box(37.0500, 36.2000, 37.0900, 36.2400),
        "source": "authored#wp-battle (Air Force Intelligence, western suburbs); placed west of "
        "nb-94 New Aleppo and nb-45 az-Zahra' of csr-aleppo",
    },
    {
        "id": "out-west-countryside",
        "what": "western countryside: Kafr Dael, Mansoura, Rashidin",
        "name_en": "Western countryside (Kafr Dael, Mansoura, Rashidin)",
        "name_ar": "الريف الغربي (كفر داعل، المنصورة، الراشدين)",
        "seed": _box(36.990, 36.1500, 37.0500, 36.2400),
        "source": "authored#wp-battle (western countryside); placed west of the city",
    },
    {
        "id": "out-khan-tuman-southwest",
        "what": "rebel-held south-western countryside: Khan Tuman, Khalsah, al-Ameriyah",
        "name_en": "Khan Tuman and the south-western countryside",
        "name_ar": "خان طومان والريف الجنوبي الغربي",
        "seed": _box(36.990, 36.060, 37.0920, 36.1500),
        "source": "authored#wp-southern-2016 (Khan Tuman, Khalsah, al-Ameriyah)",
    },
    {
        "id": "out-hadher-south",
        "what": (
            "regime-held southern countryside towards as-Safira / al-Hadher (Khanasir supply road)"
        ),
        "name_en": "Southern countryside (as-Safira / al-Hadher road)",
        "name_ar": "الريف الجنوبي (طريق السفيرة / الحاضر)",
        "seed": _box(37.0920, 36.060, 37.400, 36.1220),
        "source": "authored#wp-southern-2016 (regime-held south; Khanasir supply road)",
    },
]
