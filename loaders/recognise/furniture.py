"""The publisher's furniture: "Izvor: RTS", "Foto: M. P.", "RTS 21.03.2017" name no actor. An organisation
or person on a line that opens with a furniture cue (data/patterns/furniture_cues.csv), or a media outlet alone
on its line, is dropped.
"""

from __future__ import annotations

from rikg.loaders import patterns, rx
from rikg.loaders.normalise import fold
from rikg.loaders.recognise.base import RecogniserBase


class FurnitureMixin(RecogniserBase):
    def _drop_furniture(self) -> None:
        """ "Izvor: RTS", "Foto: M. P.", "RTS 21.03.2017", "Dnevnik 07.11.2018 | Tanjug": the publisher's furniture
        names no actor."""
        cues = patterns.word_list("furniture_cues.csv")
        keep = []
        for m in self.mentions:
            ls = self.w.rfind("\n", 0, m.start) + 1
            le = self.w.find("\n", m.end)
            line = self.w[ls : le if le >= 0 else len(self.w)]
            first = rx.match(r"\s*(\p{L}+)\s*:", line)
            rest = (line[: m.start - ls] + line[m.end - ls :]).strip()
            media_line = m.kind == "org" and m.subtype == "media" and not rx.search(r"\p{L}{3,}", rest)
            # "Dnevnik 07.11.2018 | Tanjug", "Danas 18.04.2019 | Piše: M. Stojković": an aggregator's byline
            byline = "|" in line and rx.fullmatch(
                r"[^|\n]{0,60}\d{1,2}\.\d{1,2}\.\d{2,4}[^|\n]{0,20}\|[^|\n]{0,60}", line.strip()
            )
            media_line = media_line or bool(byline) or (m.kind == "org" and _tag_line(line, ls))
            if m.kind in ("org", "person") and ((first and fold(first.group(1)) in cues) or media_line):
                continue
            keep.append(m)
        self.mentions = keep


def _tag_line(line: str, start: int) -> bool:
    """ "Društvo Jablanički okrug Jug Srbije Leskovac Srbija Vesti" above a headline: a page's tags or sections,
    nearly every word capitalised; a headline or a list item has lower-case words."""
    if start > 300 or rx.search(r"[,;„“”\"«».:()]", line):
        return False  # (a list of names has commas and quotes: "OŠ „Vuk Karadžić“, OŠ „Sveti Sava“")
    words = rx.findall(r"\p{L}+", line)
    if len(words) < 5:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)
