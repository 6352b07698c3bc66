"""Element ids in one place. The ones marked stable are relied on by automation outside the code."""

URL = "url"
PAGE = "page"
LANG = "lang"
URL_QUERY = "url-query"
URL_SYNC = "url-sync"

FILTER_SECTOR = "filter-sector"  # stable
FILTER_STATUS = "filter-status"
FILTER_ROLE = "filter-role"
FILTER_SETTLEMENT = "filter-settlement"
FILTER_DATE = "filter-date"  # stable
FILTER_SEARCH = "filter-search"  # stable
FILTER_RESET = "filter-reset"
LANG_SWITCH = "lang-switch"  # stable

KPI_PARTICIPANTS = "kpi-participants"  # stable
KPI_REPORTED = "kpi-reported"
KPI_AGREEMENTS = "kpi-agreements"
KPI_PROJECTS = "kpi-projects"
KPI_INVESTMENT = "kpi-investment"
KPIS = (KPI_PARTICIPANTS, KPI_REPORTED, KPI_AGREEMENTS, KPI_PROJECTS, KPI_INVESTMENT)

TIMELINE = "timeline"  # stable
TIMELINE_UNDATED = "timeline-undated"
MAP = "map"  # stable
MAP_ELSEWHERE = "map-elsewhere"
GROWTH = "growth"  # stable
AGREEMENTS_TABLE = "agreements-table"
PROJECTS_TABLE = "projects-table"
MEMBERS_TABLE = "members-table"  # stable
PROFILE = "profile"
PROFILE_BODY = "profile-body"
# Pattern-matching id of every button that opens an organisation's profile.
ORG_LINK = "org-link"


def caption(kpi_id: str) -> str:
    return f"{kpi_id}-caption"


def org_link(org_id: str) -> dict:
    return {"type": ORG_LINK, "org": org_id}
