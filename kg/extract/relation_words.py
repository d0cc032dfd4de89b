"""The words of the relation rules, passes and posts, read from data/lexicon (through
`Resources.relation_words`) and compiled once per resources into the patterns the rules match.

Each file has one entry a line: the word, then (in most files) a TAB and the uses it has, comma-separated;
`words(res, file, use)` gives the entries of one use in file order, and the patterns are built from them
in that order (an alternation tries its words in the order written).

>>> from kg.extract.resources import resources
>>> words(resources(), "settle_verbs")[:3]
('落户', '入驻', '落地')
>>> cues(resources()).settle.pattern
'(落户|入驻|落地|坐落于|坐落在|扎根|布局|新厂房|投产|开工)'
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.resources import Resources, per_resources, read_words

DE = "的"     # the particle of possession and description: 嵊州的企业, 在…的推动下


def words(res: Resources, file: str, use: str | None = None) -> tuple[str, ...]:
    """The entries of a relation word file (its stem, e.g. "locatives"), of one use or all, in file order.

    >>> from kg.extract.resources import resources
    >>> words(resources(), "locatives", "site")
    ('在', '位于')
    """
    rows = (res.relation_words or {}).get(file)
    return tuple(r[0] for r in rows or () if use is None or use in (r[1].split(",") if len(r) > 1 else ()))


def alt(ws: tuple[str, ...] | list[str]) -> str:
    """An alternation group of the words, in order: ("在", "于") gives "(在|于)".

    >>> alt(("在", "于"))
    '(在|于)'
    """
    return "(" + "|".join(map(re.escape, ws)) + ")"


@dataclass(frozen=True)
class Cues:
    """The compiled patterns and word tuples the relation rules read (one set per `Resources`)."""
    purpose: re.Pattern             # 针对…问题，/为加快…，: a clause of purpose opening a subject-less sentence
    # relation_context
    locative_before: re.Pattern
    site_locatives: tuple[str, ...]
    # names
    university: re.Pattern
    party: str
    zone_bodies: tuple[str, ...]
    municipalities: tuple[str, ...]
    org_level: re.Pattern
    # sited
    opening: re.Pattern
    zone_anaphora: re.Pattern
    here: re.Pattern
    described_verb: re.Pattern
    described_kind: re.Pattern
    became: re.Pattern
    firsts: re.Pattern
    settle: re.Pattern
    settle_before: tuple[str, ...]
    site: re.Pattern
    built_at: re.Pattern
    builds: re.Pattern
    seat: re.Pattern
    seat_copula: re.Pattern
    head_anaphor: re.Pattern
    sign_with: tuple[str, ...]
    signs: re.Pattern
    # acts
    participation: re.Pattern
    benefit_lead: re.Pattern
    benefit_after: re.Pattern
    became_as: tuple[str, ...]
    frame_goal: re.Pattern
    frame_open: str
    aspect: re.Pattern
    aspect_open: str
    means: re.Pattern
    at: re.Pattern
    confirms: re.Pattern
    praise_before: str
    praise: str
    driven_by: re.Pattern
    passive_by: re.Pattern
    passive: re.Pattern
    # nests
    leads: re.Pattern
    upgrade: re.Pattern
    part: re.Pattern
    as_end: re.Pattern
    part_after: re.Pattern
    # companies
    parent: re.Pattern
    child: re.Pattern
    subsidiary: re.Pattern
    develops: re.Pattern
    developed_by: re.Pattern
    group_words: tuple[str, ...]
    branch_words: tuple[str, ...]
    finance_words: tuple[str, ...]
    university_words: tuple[str, ...]
    school_words: tuple[str, ...]
    counted_child: re.Pattern
    subsidiary_after: re.Pattern
    copula: re.Pattern
    dev_by: str
    investor: re.Pattern
    not_brand: tuple[str, ...]
    # policies
    issue: re.Pattern
    joint: re.Pattern
    about: tuple[str, ...]
    issued_by: re.Pattern
    title_joints: tuple[str, ...]
    apply: re.Pattern
    then_doc: re.Pattern        # 《…》后，: a clause after the document's issue (group: none)
    supporting: tuple[str, ...]     # 配套: the words of rules made to carry out a document
    # pilots
    pilot: re.Pattern
    pilot_lead: re.Pattern
    chosen: re.Pattern          # 以仲德村、白龚村为试点: the places chosen as pilots (group 2)
    pilot_words: tuple[str, ...]    # 试点, 示范, 样板
    province_wide: str
    province_suffix: re.Pattern
    # passes
    list_gap: re.Pattern
    topic_verbs: tuple[str, ...]
    verb_first_class: str
    opener_class: str
    local: str
    national: re.Pattern
    heading: re.Pattern
    launch: re.Pattern
    # posts
    title_lead: re.Pattern
    title_body: re.Pattern
    title_joiners: tuple[str, ...]
    related: str
    short_ends: str
    before_title: str
    company_this_after: re.Pattern
    company_this: re.Pattern
    level_head: re.Pattern
    town_body: re.Pattern
    level_places: dict[str, str]
    deputies: tuple[str, ...]
    head: str
    not_before_title: str
    # actors (acts, pilots: actor_words.txt)
    whole: re.Pattern
    whole_ending: dict[str, str]
    whole_next: tuple[str, ...]
    whole_not: tuple[str, ...]      # 全省首个“…”: 全X qualifies a rank, it owns no programme
    level_owner: re.Pattern         # 省里的: the document's place of that level owns the programme after it
    level_owners: dict[str, str]    # 省里 → 省
    lead: re.Pattern                # 牵头: a body that leads the work of the sentence before
    partner: re.Pattern             # 与, 和: joins a partner to the subject (A与B签署协议，共同推进…)
    speech: tuple[str, ...]         # 说, 介绍: the verb of the speaker after a quotation
    together: re.Pattern            # 共同, 联合: the partners act together
    anaphor: re.Pattern             # 该县, 这个泉州下辖的县级市: a subject that refers back to a place
    anaphor_levels: dict[str, str]  # 县级市 → 市: the ending of the place it refers to
    party_organs: tuple[str, ...]
    locative_list: re.Pattern
    causative: tuple[str, ...]
    object_markers: tuple[str, ...]
    speaker: re.Pattern
    issuer_place: tuple[str, ...]
    committees: tuple[str, ...]
    speaker_level: dict[str, str]
    offices: tuple[str, ...]        # 办公室, 办公厅: a body issuing for its government
    parties: tuple[str, ...]        # 签署, 签订: the signers of an agreement carry it out
    regions: dict[str, tuple[str, ...]]     # 京津冀 → its members' full names (region_words.txt)




def cues(res: Resources) -> Cues:
    """The relation words of these resources, compiled (once per resources object).

    >>> from kg.extract.resources import resources
    >>> c = cues(resources())
    >>> c is cues(resources()), c.issue.search("嵊州市人民政府印发了").group(1)
    (True, '印发')
    """
    return _build(res)


@per_resources
def _build(res: Resources) -> Cues:
    def w(file: str, use: str | None = None) -> tuple[str, ...]:
        return words(res, file, use)

    def a(file: str, use: str | None = None) -> str:
        return alt(w(file, use))

    return Cues(**_context_cues(w, a), **_rule_cues(w, a), **_company_cues(w, a), **_pass_cues(w, a),
                **_post_cues(res, w, a), **_actor_cues(res))


def _actor_cues(res: Resources) -> dict:
    """The words of actor_words.txt (read here: no other rule reads them), compiled.

    >>> from kg.extract.resources import resources
    >>> c = cues(resources())
    >>> c.whole.match("全县上下要以").group(2), c.whole_ending["州"]
    ('县', '州')
    """
    rows = read_words("actor_words.txt", res.user_dir)

    def w(use: str) -> tuple[str, ...]:
        return tuple(r[0] for r in rows if r[1:2] == [use])
    return dict(
        whole=re.compile(alt(w("whole")) + alt(w("whole-level")) + alt(w("whole-after")) + "?"),
        whole_next=w("whole-next"),
        whole_not=w("whole-not"),
        level_owner=re.compile(alt(w("level-owner")) + DE),
        partner=re.compile(alt(w("partner") + w("locative-list"))),
        together=re.compile(alt(w("together"))),
        speech=w("speech"),
        level_owners={r[0]: r[2] for r in rows if r[1:2] == ["level-owner"] and len(r) > 2},
        anaphor=re.compile(alt(w("anaphor")) + "([^，。；、" + DE + "]{0,8}" + DE + ")?" + alt(w("anaphor-level"))
                           + "(?!" + "|".join(map(re.escape, w("anaphor-not"))) + ")"),
        anaphor_levels={r[0]: r[2] for r in rows if r[1:2] == ["anaphor-level"] and len(r) > 2},
        whole_ending={r[0]: r[2] for r in rows if r[1:2] == ["whole-level"] and len(r) > 2},
        party_organs=w("party-organ"),
        locative_list=re.compile("^" + alt(w("locative-list")) + "$"),
        causative=w("causative"),
        object_markers=w("object-marker"),
        speaker=re.compile(alt(w("speaker"))),
        issuer_place=w("issuer-place"),
        committees=w("committee"),
        speaker_level={r[0]: r[2] for r in rows if r[1:2] == ["speaker"] and len(r) > 2},
        offices=w("office"),
        parties=w("party"),
        regions={r[0]: tuple(r[1].split(",")) for r in read_words("region_words.txt", res.user_dir) if len(r) > 1},
    )


def _context_cues(w, a) -> dict:
    copula = w("copulas", "described")
    return dict(
        locative_before=re.compile(a("locatives", "before") + "$"),
        site_locatives=w("locatives", "site"),
        university=re.compile("^.{2,8}?" + a("university_words", "name-place")),
        party=w("level_words", "party")[0],
        zone_bodies=w("body_levels", "zone"),
        municipalities=w("body_levels", "municipality"),
        org_level=re.compile(a("level_words", "org-level") + "[^" + "".join(w("level_words", "body-start")) + "]"),
        opening=re.compile(r"^(?:[^，。]{0,8}，)?" + w("locatives", "opening")[0]),
        zone_anaphora=re.compile(a("place_anaphora", "zone") + a("place_anaphora", "zone-verb")),
        here=re.compile(a("level_words", "here") + w("place_anaphora", "here")[0]),
        described_verb=re.compile(alt(copula)),
        described_kind=re.compile(alt((DE,) + w("company_words", "local")) + "?[^，。；、]{0,12}?"
                                  + a("company_words", "kind")),
        became=re.compile(w("copulas", "became")[0]),
        firsts=re.compile(a("company_words", "first")),
        settle=re.compile(a("settle_verbs")),
        settle_before=w("settle_verbs", "before"),
        site=re.compile(a("site_words", "site") + a("site_words", "after") + "?"),
        built_at=re.compile("^" + a("site_words", "manner") + "{0,2}" + a("site_words", "build")),
        builds=re.compile(a("site_words", "build")),
        seat=re.compile("^" + DE + "?" + a("site_words", "seat")),
        seat_copula=re.compile("^" + a("site_words", "seat-copula") + "$"),
        sign_with=w("site_words", "with"),
        signs=re.compile("^.{0,2}?" + a("site_words", "sign")),
        head_anaphor=re.compile(a("site_words", "anaphor") + "?([\u4e00-\u9fff]{2,4})"),
    )


def _rule_cues(w, a) -> dict:
    drive_open, drive_close = w("framing_words", "driven-open")[0], w("framing_words", "driven-close")[0]
    return dict(
        participation=re.compile(a("participation_verbs", "participation")),
        # 得益于“X”改革，公司… / 去年企业通过“X”活动…: the frame before the programme, the anaphor before or after
        benefit_lead=re.compile("(?:" + a("beneficiary_words", "anaphor") + "[^，。；]{0,4})?" + a("beneficiary_words", "frame")
                                + "$"),
        benefit_after=re.compile("^[^，。；]{0,8}[，,]" + a("beneficiary_words", "anaphor")),
        became_as=w("copulas", "became-as"),
        frame_goal=re.compile(w("framing_words", "close")[0] + a("framing_words", "goal") + "，"),
        frame_open=w("framing_words", "open")[0],
        aspect=re.compile("^[^，。；,;]{0,12}?" + a("framing_words", "aspect-close") + "[，,]"),
        aspect_open=w("framing_words", "aspect-open")[0],
        means=re.compile(a("framing_words", "means")),
        at=re.compile("^" + a("locatives", "at") + "$"),
        confirms=re.compile(a("programme_verb_uses", "confirms")),
        praise_before=w("participation_verbs", "praise-before")[0],
        praise=w("participation_verbs", "praise")[0],
        driven_by=re.compile(drive_open + "([^，。；]{2,24}?)" + DE + "?" + a("programme_verb_uses", "driven")
                             + drive_close),
        passive_by=re.compile(w("programme_verb_uses", "by")[0]),
        lead=re.compile(a("programme_verb_uses", "lead")),
        passive=re.compile("[，,]?[^，。；]{0,8}" + a("programme_verb_uses", "passive")),
        leads=re.compile(a("programme_links", "leads")),
        upgrade=re.compile(w("programme_links", "upgrade")[0] + "$"),
        part=re.compile("^" + a("copulas", "part") + "(.{0,6})?" + DE + "?" + a("programme_links", "important")
                        + "?" + a("programme_links", "part")),
        as_end=re.compile(w("programme_links", "as")[0] + "$"),
        part_after=re.compile("^" + DE + "[^，。]{0,6}" + a("programme_links", "part-after")),
        issue=re.compile(alt(w("issuer_words", "verb") + w("issuing_verbs", "issue")) + a("issuing_verbs", "issue-after")
                         + "?$"),
        joint=re.compile("^" + a("issuer_words", "joint") + "$"),
        about=w("issuer_words", "about"),
        # 《…》由省科技厅制定: the verb right after the body
        issued_by=re.compile("^" + alt(w("issuer_words", "verb") + w("issuing_verbs", "issue"))),
        title_joints=w("issuer_words", "title-joint"),
        then_doc=re.compile(r"[^，。；]{0,3}?" + a("apply_verbs", "then") + "[，,]"),
        supporting=w("apply_verbs", "supporting"),
        apply=re.compile(a("apply_verbs", "apply") + a("apply_verbs", "after") + "?$"),
        pilot=re.compile(w("copulas", "pilot")[0] + "([^，。；,;]{0,40}?)" + a("pilot_words", "pilot")),
        pilot_lead=re.compile(r"[^\u4e00-\u9fff]*" + a("pilot_words", "lead") + "?"),
        pilot_words=w("pilot_words", "pilot"),
        chosen=re.compile(a("pilot_words", "choose") + "([^，。；,;]{2,40}?)" + a("pilot_words", "chosen")
                          + a("pilot_words", "pilot")),
        province_wide=w("level_words", "province-wide")[0],
        province_suffix=re.compile(a("level_words", "province-suffix") + "$"),
    )


def _company_cues(w, a) -> dict:
    return dict(
        parent=re.compile("^(" + DE + ")?" + a("company_links", "parent") + alt(w("copulas", "parent")) + "?$"),
        child=re.compile("^" + a("company_links", "child") + DE + "?$"),     # A旗下(的)B
        subsidiary=re.compile("^" + a("copulas", "subsidiary") + "(.{0,4})?" + DE + "?"
                              + a("company_links", "holding") + "?" + w("company_links", "subsidiary")[0] + "$"),
        develops=re.compile(a("programme_verb_uses", "develops")),
        developed_by=re.compile("^" + a("developer_words", "duty") + "?" + a("developer_words", "verb")),
        not_brand=w("developer_words", "not-brand"),
        group_words=w("company_groups", "group"),
        branch_words=w("company_groups", "branch"),
        finance_words=w("company_groups", "finance"),
        university_words=w("company_groups", "university"),
        school_words=w("company_groups", "school"),
        counted_child=re.compile("^" + DE + "?" + a("company_groups", "count") + "?" + a("company_links", "holding") + "?"
                                 + a("company_groups", "subsidiary") + "$"),
        # A是B的全资子公司, A系B下属企业: what follows B
        subsidiary_after=re.compile("^" + DE + "?" + a("company_links", "holding") + "?" + a("company_groups", "subsidiary")),
        copula=re.compile("^" + a("copulas", "subsidiary") + "$"),
        dev_by=w("developer_words", "by")[0],
        investor=re.compile("^" + alt(w("developer_words", "investor") + w("developer_words", "verb"))),
    )


def _pass_cues(w, a) -> dict:
    at = w("locatives", "opening")[0]
    return dict(
        list_gap=re.compile(r"\s*(?:" + "|".join(map(re.escape, w("list_words"))) + r")\s*[0-9A-Za-z]{0,6}\s*"),
        topic_verbs=w("programme_verb_uses", "topic"),
        purpose=re.compile(a("framing_words", "purpose") + "[^，。；]{1,30}?[，,]"),
        opener_class="[^，。；" + DE + at + "]",
        verb_first_class="[^，。；" + DE + at + "".join(w("level_words", "verb-first")) + "]",
        local=w("place_anaphora", "local")[0],
        national=re.compile(a("level_words", "national")),
        heading=re.compile(a("programme_verb_uses", "heading")),
        launch=re.compile(a("programme_verb_uses", "launch") + "[^，。；、]{0,4}$"),
    )


def _post_cues(res: Resources, w, a) -> dict:
    cjk = r"[\u4e00-\u9fff]"
    this = "(?:" + "|".join(w("company_words", "this")) + ")?(?:" + "|".join(w("company_words", "kind")) + ")"
    post_rows = [r for r in (res.relation_words or {}).get("level_words", ()) if r[1:2] == ("post",)]
    return dict(
        title_lead=re.compile(a("post_words", "title-lead") + "?"),
        title_body=re.compile("(" + "|".join(w("post_words", "section-body")) + "|" + cjk + "{1,6}?(?:"
                              + "|".join(w("post_words", "section")) + "))"),
        title_joiners=("、",) + w("post_words", "joiner"),
        related=w("post_words", "related")[0],
        short_ends="".join(w("post_words", "short-end")),
        before_title="，" + DE + "、" + "".join(w("post_words", "before-title")),
        company_this_after=re.compile(r"(?:^|[^\u4e00-\u9fff]|[，、])(" + this + ")$"),
        company_this=re.compile(alt(w("company_words", "this")) + "?" + a("company_words", "kind")),
        level_head=re.compile(a("level_words", "post") + a("post_words", "body") + "?"),
        town_body=re.compile("^(.+?(?:" + "|".join(w("level_words", "owner")) + "))" + a("post_words", "town-body")
                             + "$"),
        level_places={r[0]: r[2] for r in post_rows if len(r) > 2},
        deputies=w("post_words", "deputy"),
        head=w("post_words", "head")[0],
        not_before_title=DE + "".join(x for x in w("list_words") if len(x) == 1),
    )
