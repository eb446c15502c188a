"""The publisher's furniture: "Izvor: RTS", "Foto: M. P.", "RTS 21.03.2017" name no actor. An organisation
or person on a line that opens with a furniture cue (data/patterns/furniture_cues.csv), or a media outlet alone
on its line, is dropped; so is any name on a line that is an attachment's file name or a breadcrumb trail.
"""

from __future__ import annotations

from rikg.loaders import patterns, rx
from rikg.loaders.normalise import fold
from rikg.loaders.recognise.base import RecogniserBase, tag_line

# a date (and a comma) opening a line, right before an outlet's name
_DATED_OUTLET = rx.compiled(r"\s*\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\.?,?\s*$")
_TAG_REACH = 300  # characters: a page's tags stand above its headline
# a file name alone on its line: words joined by three hyphens or underscores or more, an extension perhaps
_FILE_NAME = rx.compiled(r"[\p{L}\d]+(?:[-_][\p{L}\d]+){3,}(?:\.\w{2,4})?")


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
            media_line = media_line or bool(byline) or (m.kind == "org" and ls <= _TAG_REACH and tag_line(line))
            # "..., prenosi TANJUG.", "(Beta)": an outlet cited as the source of the news
            cited = (
                m.kind == "org"
                and m.subtype == "media"
                and (
                    patterns.context_cue("media-source").search(self.w[max(0, m.start - 30) : m.start].lower())
                    is not None
                    or (self.w[m.start - 1 : m.start] == "(" and self.w[m.end : m.end + 1] == ")")
                )
            )
            # "17.6.2015, RTS – Iz kolektivnog centra ...": a dateline with the outlet before the headline
            dated = (
                m.kind == "org"
                and m.subtype == "media"
                and bool(_DATED_OUTLET.match(self.w, ls, m.start) and rx.match(r"\s*[–—-]", self.w[m.end : m.end + 3]))
            )
            media_line = media_line or cited or dated
            # (a caption glued to a paragraph, "Foto: Pokrajinska vlada Radi se o ...": only its first words)
            cued = first and fold(first.group(1)) in cues and (len(line) <= 120 or m.start - ls - first.end() < 60)
            # "Početna Društvo Projekat: Mladi Romi o sebi": a breadcrumb trail names the site's sections
            opening = line.split(maxsplit=1)
            crumb = bool(opening) and fold(opening[0]) in patterns.word_list("breadcrumb_openers.csv")
            if m.kind in ("org", "person") and (cued or media_line or crumb):
                continue
            if _FILE_NAME.fullmatch(line.strip()):
                continue  # "OBRAZAC-OPISA-PROGRAMA-1-Lebane-2022": a listed attachment's file name names nothing
            keep.append(m)
        self.mentions = keep
