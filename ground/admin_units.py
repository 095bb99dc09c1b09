"""Vietnam's provincial units in both eras: the 63 before mid-2025 and the 34 after.

Nghị quyết 202/2025/QH15 (in force 1 July 2025) merged 63 provincial units into 34;
Thừa Thiên Huế had already become the centrally-run city of Huế on 1 January 2025
(Nghị quyết 1314/NQ-UBTVQH15). The 34 current units come from the kept library
``vietnam-provinces`` (its data holds no province-level old → new map); the map below
is the resolution's own table, typed once, and checked against the library at import.

    successor("Kon Tum")                → "Quảng Ngãi"
    successor("Nghệ An")                → "Nghệ An"          (unchanged units map to themselves)
    predecessors("Quảng Ngãi")          → ["Quảng Ngãi", "Kon Tum"]
    with_level("Cần Thơ")               → "thành phố Cần Thơ"
    label("Kon Tum")                    → "Kon Tum (nay thuộc tỉnh Quảng Ngãi)"
    label("Kon Tum", "en")              → "Kon Tum (now part of Quảng Ngãi province)"
    covers("Kon Tum", "2024-06-10")     → {"Kon Tum", "Quảng Ngãi"}
    covers("Quảng Ngãi", "2025-09-01")  → {"Quảng Ngãi", "Kon Tum"}

Names are the short forms documents use after "tỉnh" / "thành phố" ("Cần Thơ",
"Huế"), except "Thành phố Hồ Chí Minh", whose short form is also a person's name.
"""
from __future__ import annotations

from functools import cache

HCM = "Thành phố Hồ Chí Minh"

# New unit ← former units, the first being the one whose name (and seat) the new unit keeps.
# Units not listed were not merged and keep their territory.
MERGERS: dict[str, list[str]] = {
    "Tuyên Quang": ["Tuyên Quang", "Hà Giang"],
    "Lào Cai": ["Lào Cai", "Yên Bái"],
    "Thái Nguyên": ["Thái Nguyên", "Bắc Kạn"],
    "Phú Thọ": ["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"],
    "Bắc Ninh": ["Bắc Ninh", "Bắc Giang"],
    "Hưng Yên": ["Hưng Yên", "Thái Bình"],
    "Hải Phòng": ["Hải Phòng", "Hải Dương"],
    "Ninh Bình": ["Ninh Bình", "Hà Nam", "Nam Định"],
    "Quảng Trị": ["Quảng Trị", "Quảng Bình"],
    "Đà Nẵng": ["Đà Nẵng", "Quảng Nam"],
    "Quảng Ngãi": ["Quảng Ngãi", "Kon Tum"],
    "Gia Lai": ["Gia Lai", "Bình Định"],
    "Khánh Hòa": ["Khánh Hòa", "Ninh Thuận"],
    "Lâm Đồng": ["Lâm Đồng", "Đắk Nông", "Bình Thuận"],
    "Đắk Lắk": ["Đắk Lắk", "Phú Yên"],
    HCM: [HCM, "Bình Dương", "Bà Rịa - Vũng Tàu"],
    "Đồng Nai": ["Đồng Nai", "Bình Phước"],
    "Tây Ninh": ["Tây Ninh", "Long An"],
    "Cần Thơ": ["Cần Thơ", "Sóc Trăng", "Hậu Giang"],
    "Vĩnh Long": ["Vĩnh Long", "Bến Tre", "Trà Vinh"],
    "Đồng Tháp": ["Đồng Tháp", "Tiền Giang"],
    "Cà Mau": ["Cà Mau", "Bạc Liêu"],
    "An Giang": ["An Giang", "Kiên Giang"],
    "Huế": ["Thừa Thiên Huế"],  # renamed, not merged: a province became a city
}
UNCHANGED = ["Hà Nội", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
             "Hà Tĩnh", "Cao Bằng"]

# The 63 units before the merger (Thừa Thiên Huế a province, five centrally-run cities).
FORMER: list[str] = sorted({n for olds in MERGERS.values() for n in olds} | set(UNCHANGED))
FORMER_CITIES = {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", HCM}

# When the change took effect: a successor's document from this date on speaks for the former unit too.
MERGED_ON = "2025-07-01"
RENAMED_ON = {"Thừa Thiên Huế": "2025-01-01"}


def _short(library_name: str) -> str:
    """The library's "Thành phố Cần Thơ" → "Cần Thơ" (as written after "thành phố"); HCM keeps its prefix."""
    return library_name if library_name == HCM else library_name.removeprefix("Thành phố ")


@cache
def _library() -> dict[str, str]:
    """Current unit → "tỉnh" / "thành phố", from ``vietnam-provinces`` (imported on first use: ~0.1 s)."""
    from vietnam_provinces import Province, VietNamDivisionType

    return {_short(p.name): "thành phố" if p.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG else "tỉnh"
            for p in Province.iter_all()}


def current() -> list[str]:
    """The 34 units in force, as the library lists them: "Hà Nội", "Cao Bằng", …, "Cà Mau"."""
    return list(_library())


@cache
def _successors() -> dict[str, str]:
    lib = _library()
    table = {**{n: [n] for n in UNCHANGED}, **MERGERS}
    if set(table) != set(lib):  # the resolution's table and the library must name the same 34
        raise ValueError(f"admin_units: the 2025 table and vietnam-provinces differ: "
                         f"{sorted(set(table) ^ set(lib))}; update MERGERS or pin the library")
    return {old: new for new, olds in table.items() for old in olds} | {new: new for new in table}


def is_unit(name: str | None) -> bool:
    """A provincial unit of either era, by its canonical name."""
    return bool(name) and name in _successors()


def successor(name: str) -> str | None:
    """The unit in force that holds ``name``'s territory: "Kon Tum" → "Quảng Ngãi", "Nghệ An" → "Nghệ An",
    "Thừa Thiên Huế" → "Huế"; None for a name that is no provincial unit."""
    return _successors().get(name)


def predecessors(name: str) -> list[str]:
    """The former units a current unit was made of: "Quảng Ngãi" → ["Quảng Ngãi", "Kon Tum"],
    "Huế" → ["Thừa Thiên Huế"], "Nghệ An" → ["Nghệ An"]; [] for a former unit that is not current."""
    if name not in _library():
        return []
    return MERGERS.get(name, [name])


def level(name: str, date: str | None = None) -> str:
    """"tỉnh" or "thành phố" — of the era the name belongs to ("Thừa Thiên Huế" was a tỉnh, "Huế" is
    a thành phố); ``date`` is ignored today, kept so that an era-dependent level needs no new API."""
    if name in FORMER_CITIES or _library().get(name) == "thành phố":
        return "thành phố"
    return "tỉnh"


def with_level(name: str) -> str:
    """"Kon Tum" → "tỉnh Kon Tum", "Cần Thơ" → "thành phố Cần Thơ", HCM as it is (its name says it)."""
    return name if name == HCM else f"{level(name)} {name}"


def label(name: str | None, lang: str = "vi") -> str:
    """A unit's name for an answer, saying where a former unit belongs now:
    "Kon Tum" → "Kon Tum (nay thuộc tỉnh Quảng Ngãi)" / "Kon Tum (now part of Quảng Ngãi province)";
    "Quảng Nam" → "Quảng Nam (nay thuộc thành phố Đà Nẵng)"; "Thừa Thiên Huế" → "Thừa Thiên Huế (nay là
    thành phố Huế)"; a current unit (or an unknown name) is returned as it is."""
    if not name:
        return ""
    new = successor(name)
    if new is None or new == name:
        return name
    if lang == "vi":
        link = "nay là" if len(MERGERS.get(new, [])) == 1 else "nay thuộc"
        return f"{name} ({link} {with_level(new)})"
    kind = "city" if level(new) == "thành phố" else "province"
    where = "Hồ Chí Minh City" if new == HCM else f"{new} {kind}"
    return f"{name} (now {where})" if len(MERGERS.get(new, [])) == 1 else f"{name} (now part of {where})"


def covers(province: str | None, date: str | None) -> set[str]:
    """The places a document of ``province`` dated ``date`` answers for.

    Always its own unit and the unit that holds it now: a question about Quảng Ngãi finds
    Kon Tum's 2024 plan ("Kon Tum", "2024-06-10" → {"Kon Tum", "Quảng Ngãi"}). A current unit's
    document from the day of the change on also speaks for its former units, because it governs
    their territory ("Quảng Ngãi", "2025-09-01" → {"Quảng Ngãi", "Kon Tum"}); an older one does
    not — Quảng Ngãi's 2024 plan says nothing about Kon Tum — and neither does an undated one."""
    if not province:
        return set()
    out = {province}
    new = successor(province)
    if new is None:
        return out
    out.add(new)
    if new == province:  # a current unit: its former units too, once it governs them
        out.update(o for o in predecessors(province) if _on_or_after(date, RENAMED_ON.get(o, MERGED_ON)))
    return out


def _on_or_after(date: str | None, day: str) -> bool:
    """ISO ``date`` on or after ``day``; a year alone counts only when it is a later year
    ("2025" may be January 2025, before the merger)."""
    if not date or not date[:4].isdigit():
        return False
    return date[:10] >= day if len(date) >= 10 else int(date[:4]) > int(day[:4])
