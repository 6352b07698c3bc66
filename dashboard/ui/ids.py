"""Element ids in one place: every id of the page, also those the assets' JavaScript and the tests use. The ones
marked stable are relied on by automation outside the code. No other module types an id."""

URL = "url"
PAGE = "page"
LANG = "lang"
URL_QUERY = "url-query"
URL_SYNC = "url-sync"
DOCUMENT_TITLE = "document-title"

FILTER_SECTOR = "filter-sector"  # stable
FILTER_STATUS = "filter-status"
FILTER_ROLE = "filter-role"
FILTER_SETTLEMENT = "filter-settlement"
FILTER_DATE = "filter-date"  # stable
FILTER_SEARCH = "filter-search"  # stable
FILTER_RESET = "filter-reset"
LANG_SWITCH = "lang-switch"  # stable

SYNTHETIC_BANNER = "synthetic-banner"
DATA_AS_OF = "data-as-of"
COVERAGE = "coverage"

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
GRIDS = (AGREEMENTS_TABLE, PROJECTS_TABLE, MEMBERS_TABLE)
SECTORS = "sectors"
PROFILE = "profile"
PROFILE_BODY = "profile-body"
PROFILE_TITLE = "profile-title"
PROFILE_NAME = "profile-name"
SELECTION = "selection"
CLEAR_SELECTION = "clear-selection"
FOCUS = "focus"

ASOF = "asof"
ASOF_MODE = "asof-mode"
ASOF_STEPS = "asof-steps"
ASOF_LABEL = "asof-label"
ASOF_PREV = "asof-prev"
ASOF_NEXT = "asof-next"
ASOF_PLAY = "asof-play"
ASOF_PLAY_LABELS = "asof-play-labels"
ASOF_TIMER = "asof-timer"
PRESENT_TOGGLE = "present-toggle"  # stable
PRINT_FILTERS = "print-filters"
FILTERS_TOGGLE = "filters-toggle"
FILTERS_PANEL = "filters-panel"
SHORTCUTS = "shortcuts"
SHORTCUTS_OPEN = "shortcuts-open"
SHORTCUTS_TITLE = "shortcuts-title"

DOWNLOAD = "download"
DOWNLOAD_XLSX = "download-xlsx"
DOWNLOAD_PPTX = "download-pptx"
DOWNLOAD_CSV = "download-csv"  # pattern-matching: {"type": DOWNLOAD_CSV, DOWNLOAD_CSV_TABLE: name}
DOWNLOAD_CSV_TABLE = "table"
DOWNLOAD_CSV_ZIP = "download-csv-zip"
CHART_NAMES = "chart-names"  # each chart's picture file name, and what every picture says (downloads.values)
# pattern-matching: {"type": CHART_EXPORT, CHART_EXPORT_CHART: chart id, CHART_EXPORT_FORMAT: "png" | "svg"}
CHART_EXPORT = "chart-export"
CHART_EXPORT_CHART = "chart"
CHART_EXPORT_FORMAT = "format"
CHART_EXPORT_DONE = "chart-export-done"
NETWORK = "network"
NETWORK_SUMMARY = "network-summary"
NETWORK_TABLE = "network-table"

COMPARE_A = "compare-a"
COMPARE_B = "compare-b"
COMPARE_FIGURE = "compare-figure"
COMPARE_RESULTS = "compare-results"
COMPARE_SUMMARY = "compare-summary"
COMPARE_SECTOR_TABLE = "compare-sector-table"
COMPARE_STATE = "compare-state"

# Every chart whose picture can be downloaded.
EXPORTABLE_CHARTS = (TIMELINE, MAP, GROWTH, SECTORS, NETWORK, COMPARE_FIGURE)

# Charts with a text alternative: a summary paragraph and a data table beside each.
DESCRIBED_CHARTS = (TIMELINE, MAP, GROWTH, SECTORS)

# Pattern-matching id of every button that opens an organisation's profile, and the store a click on one of
# them is reported to (see callbacks.ORG_CLICKED_JS).
ORG_LINK = "org-link"  # pattern-matching: {"type": ORG_LINK, ORG_LINK_ORG: org id}
ORG_LINK_ORG = "org"
ORG_CLICKED = "org-clicked"


def caption(kpi_id: str) -> str:
    return f"{kpi_id}-caption"


def table_note(grid_id: str) -> str:
    return f"{grid_id}-note"


def grid_slot(grid_id: str) -> str:
    """Where a table's grid is created once its section nears the screen (assets/lazy_grids.js)."""
    return f"{grid_id}-slot"


def grid_near(grid_id: str) -> str:
    """The store assets/lazy_grids.js sets to true when a table's section nears the screen (the grid's slot
    names it in its data-near-store attribute)."""
    return f"{grid_id}-near"


def print_table(grid_id: str) -> str:
    """A table's rows as a plain table that only print shows."""
    return f"{grid_id}-print"


def summary(chart_id: str) -> str:
    return f"{chart_id}-summary"


def data_table(chart_id: str) -> str:
    return f"{chart_id}-data"


def details(component_id: str) -> str:
    """The <details> a component is folded in."""
    return f"{component_id}-details"


def org_link(org_id: object) -> dict:
    return {"type": ORG_LINK, ORG_LINK_ORG: org_id}


def chart_export(chart_id: object, fmt: object) -> dict:
    """A chart's picture button; ``dash.ALL`` for either part matches every such button."""
    return {"type": CHART_EXPORT, CHART_EXPORT_CHART: chart_id, CHART_EXPORT_FORMAT: fmt}


def download_csv(table: object) -> dict:
    return {"type": DOWNLOAD_CSV, DOWNLOAD_CSV_TABLE: table}


def section(name: str) -> str:
    """A view's <section>."""
    return f"section-{name}"


def section_title(name: str) -> str:
    """A view's heading (a chart in the view is named by it)."""
    return f"{section(name)}-title"


def compare_category(category: str) -> str:
    """The list of one category of the period comparison (its heading: :func:`heading`)."""
    return f"compare-{category.replace('_', '-')}"


def heading(component_id: str) -> str:
    return f"{component_id}-title"


def range_thumb_label(slider_id: str, thumb: int) -> str:
    """The hidden name of a range slider's handle (1 or 2), which assets/a11y.js gives the handle."""
    return f"{slider_id}-thumb-{thumb}-label"
