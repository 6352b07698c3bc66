"""Every user-facing string of the product, Russian first and English second: one catalogue, looked up by
:func:`dashboard.i18n.t`."""

from __future__ import annotations

PAGE: dict[str, tuple[str, str]] = {
    "data_as_of": ("Данные на", "Data as of"),
    "coverage": (
        "Названы в открытых источниках: {named} из {approx}{reported} заявленных участников ({date}). "
        "Остальные участники публично не названы — дашборд их не домысливает.",
        "Named in public sources: {named} of {approx}{reported} reported participants ({date}). "
        "The others are not named publicly, and the dashboard does not make them up.",
    ),
    "coverage_no_count": ("Названы в открытых источниках: {named}", "Named in public sources: {named}"),
    "synthetic_banner": (
        "СИНТЕТИЧЕСКИЕ ДАННЫЕ — для тестов и замеров, не реальный кластер",
        "SYNTHETIC DATA — for tests and benchmarks, not a real cluster",
    ),
    "filters": ("Фильтры", "Filters"),
    "filter_sector": ("Отрасль", "Sector"),
    "filter_status": ("Статус участия", "Membership status"),
    "filter_role": ("Роль", "Role"),
    "filter_settlement": ("Населённый пункт", "Settlement"),
    "filter_date": ("Период", "Period"),
    "range_start": ("начало", "start"),
    "range_end": ("конец", "end"),
    "filter_search": ("Поиск по названию", "Search by name"),
    "filter_search_placeholder": ("например, Иркут", "e.g. Irkut"),
    "all": ("Все", "All"),
    "dropdown_select_all": ("Выбрать все", "Select all"),
    "dropdown_deselect_all": ("Снять все", "Deselect all"),
    "dropdown_selected_count": ("выбрано: {num_selected}", "{num_selected} selected"),
    "dropdown_search": ("Поиск", "Search"),
    "dropdown_clear_search": ("Очистить поиск", "Clear search"),
    "dropdown_clear_selection": ("Очистить выбор", "Clear selection"),
    "dropdown_no_options_found": ("Ничего не найдено", "No options found"),
    "reset": ("Сбросить фильтры", "Reset filters"),
    "lang_switch": ("English", "Русский"),
    "kpi_participants": ("Участники, названные в источниках", "Participants named in sources"),
    "kpi_reported": ("Последнее заявленное число участников", "Latest reported number of participants"),
    "kpi_agreements": ("Соглашения", "Agreements"),
    "kpi_projects": ("Проекты", "Projects"),
    "kpi_investment": ("Известные инвестиции", "Known investment"),
    "kpi_investment_note": ("сумма указанных в источниках сумм, {n} пр.", "sum of stated amounts, {n} proj."),
    "kpi_no_amount": ("нет данных", "no data"),
    "timeline": ("Хронология кластера", "Cluster timeline"),
    "timeline_legend": (
        "Закрашенный круг — известна дата, пустой круг — только месяц, квадрат — только год, треугольник — "
        "«не ранее». Наведите курсор на отметку, чтобы увидеть событие и его источник.",
        "Filled circle: exact date; open circle: month only; square: year only; triangle: \"not before\". "
        "Hover over a mark to see the item and its source.",
    ),
    "timeline_undated": ("Без точной даты", "Without an exact date"),
    "map": ("Участники на карте Иркутской области", "Participants on the map of Irkutsk Oblast"),
    "map_note": (
        "Точки стоят в центрах населённых пунктов (адреса организаций в источниках не указаны); "
        "несколько отраслей одного города разнесены по кругу только для наглядности.",
        "Points sit at town centres (sources give no organisation addresses); several sectors of one town "
        "are spread around it for legibility only.",
    ),
    "map_inset": ("Увеличенный фрагмент", "Enlarged detail"),
    "outside_region": ("За пределами области", "Outside the region"),
    "no_location": ("Место не указано", "Location not stated"),
    "growth": ("Рост числа участников", "Membership growth"),
    "growth_named": ("Названные участники (нарастающим итогом)", "Named participants (cumulative)"),
    "growth_reported": ("Заявленное число участников", "Reported number of participants"),
    "growth_note": (
        "Столбцы — организации, названные в источниках, по дате первого упоминания. Ромбы — числа участников "
        "из официальных сообщений; между ними данных нет, поэтому линии не проводятся.",
        "Areas: organisations named in sources, by date first linked. Diamonds: participant counts from "
        "official statements; nothing is known between them, so no line joins them.",
    ),
    "count_axis": ("Число организаций", "Organisations"),
    "agreements": ("Соглашения", "Agreements"),
    "projects": ("Совместные и инвестиционные проекты", "Joint and investment projects"),
    "members": ("Организации", "Organisations"),
    "members_hint": (
        "Нажмите на строку (или клавишу Enter в строке), чтобы открыть профиль организации.",
        "Click a row (or press Enter in it) to open the organisation's profile.",
    ),
    "col_name": ("Название", "Name"),
    "col_short": ("Кратко", "Short name"),
    "col_sector": ("Отрасль", "Sector"),
    "col_role": ("Роль", "Role"),
    "col_status": ("Статус", "Status"),
    "col_settlement": ("Населённый пункт", "Settlement"),
    "col_joined": ("Первое упоминание", "First linked"),
    "col_confidence": ("Достоверность", "Confidence"),
    "col_sources": ("Источники", "Sources"),
    "col_date": ("Дата", "Date"),
    "col_title": ("Название", "Title"),
    "col_kind": ("Вид", "Kind"),
    "col_parties": ("Стороны", "Parties"),
    "col_participants": ("Участники", "Participants"),
    "col_amount": ("Сумма", "Amount"),
    "col_scope": ("Контур", "Scope"),
    "col_period": ("Сроки", "Dates"),
    "source": ("Источник", "Source"),
    "sources": ("Источники", "Sources"),
    "profile": ("Профиль организации", "Organisation profile"),
    "profile_choose": ("В этой точке несколько организаций:", "Several organisations at this point:"),
    "former_names": ("Прежние названия", "Former names"),
    "location": ("Местоположение", "Location"),
    "notes": ("Примечания", "Notes"),
    "none": ("нет", "none"),
    "events": ("События", "Events"),
    "until": ("до", "until"),
    "date_unknown": ("дата неизвестна", "date unknown"),
    "not_before": ("не ранее", "not before"),
    "approx": ("около ", "about "),
    "rub_mln": ("{} млн ₽", "RUB {} m"),
    "rub_bln": ("{} млрд ₽", "RUB {} bn"),
    "rub": ("{} ₽", "RUB {}"),
    "footer": (
        "Данные: открытые источники (ссылка у каждой записи), координаты — GeoNames (CC BY 4.0), граница "
        "области — Natural Earth (общественное достояние).",
        "Data: public sources (a link on every record); coordinates: GeoNames (CC BY 4.0); oblast outline: "
        "Natural Earth (public domain).",
    ),
    "summary_timeline": ("На хронологии {items}, {span} ({groups}).", "The timeline has {items}, {span} ({groups})."),
    "summary_timeline_empty": ("На хронологии нет отметок.", "The timeline has no items."),
    "years_span": ("{first}–{last} гг.", "{first}–{last}"),
    "year": ("{first} г.", "{first}"),
    "summary_map": (
        "На карте области {inside}: {towns}. За пределами области — {outside}, место не указано — {unlocated}.",
        "The oblast map shows {inside}: {towns}. Outside the region: {outside}; location not stated: {unlocated}.",
    ),
    "summary_growth": (
        "Названо участников к концу периода: {named}. Заявленное число участников: {reported}.",
        "Participants named by the end of the period: {named}. Reported numbers of participants: {reported}.",
    ),
    "summary_sectors": ("Участники по отраслям: {sectors}.", "Participants by sector: {sectors}."),
    "sectors": ("Участники по отраслям", "Participants by sector"),
    "sectors_hint": ("Нажмите на столбец, чтобы оставить только эту отрасль.",
                     "Click a bar to show only that sector."),
    "data_table": ("Таблица данных графика", "Chart data as a table"),
    "col_group": ("Группа", "Group"),
    "col_count": ("Число", "Count"),
    "col_names": ("Организации", "Organisations"),
    "asof": ("Состояние на", "As of"),
    "asof_today": ("сегодня", "today"),
    "asof_mode": ("Шаг даты", "Date step"),
    "asof_by_year": ("по годам", "by year"),
    "asof_by_event": ("по событиям", "by event"),
    "asof_prev": ("Шаг назад", "Step back"),
    "asof_next": ("Шаг вперёд", "Step forward"),
    "asof_play": ("▶ Воспроизвести", "▶ Play"),
    "asof_pause": ("⏸ Пауза", "⏸ Pause"),
    "asof_hint": ("Стрелки ← → на клавиатуре тоже переключают дату.", "The ← → keys step the date too."),
    "present_on": ("Режим презентации", "Presentation mode"),
    "present_off": ("Выйти из презентации", "Leave presentation"),
    "selection": ("Выбрано щелчком:", "Selected by click:"),
    "clear_selection": ("Снять выбор", "Clear selection"),
    "and_more": ("…и ещё {n}", "…and {n} more"),
    "table_shown": ("Показаны первые {shown} из {total}. Все строки — в выгрузке (XLSX, CSV).",
                    "Showing the first {shown} of {total}. Every row is in the download (XLSX, CSV)."),
    "downloads": ("Скачать", "Download"),
    "download_xlsx": ("Данные (XLSX)", "Data (XLSX)"),
    "download_csv": ("Таблица (CSV)", "Table (CSV)"),
    "download_pptx": ("Презентация (PPTX)", "Presentation (PPTX)"),
    "download_png": ("Скачать картинку PNG для презентации", "Download a PNG picture for slides"),
    "download_svg": ("Скачать векторную картинку SVG", "Download a vector SVG picture"),
    "nothing_found": ("Под фильтры ничего не подходит.", "Nothing matches the filters."),
    "data_error": ("Ошибка данных", "Data error"),
}

# Each part of the product keeps its texts in its own section; the sections make one catalogue, and a key names
# one text only (tests/unit/i18n checks that no key is declared twice).
COMPARISON: dict[str, tuple[str, str]] = {
}

NETWORK: dict[str, tuple[str, str]] = {
}

EXPORTS: dict[str, tuple[str, str]] = {
}

REGISTRY: dict[str, tuple[str, str]] = {
}

COMMAND_LINE: dict[str, tuple[str, str]] = {
}

ADMIN: dict[str, tuple[str, str]] = {
}

# The table grid's own texts under AG Grid's locale keys: a catalogue of their own, since those keys are AG Grid's.
# The English ones are AG Grid's own (tests/unit/i18n checks them against the bundled grid, and so its keys).
GRID: dict[str, tuple[str, str]] = {
    "page": ("Стр.", "Page"),
    "to": ("—", "to"),
    "of": ("из", "of"),
    "firstPage": ("Первая страница", "First Page"),
    "previousPage": ("Предыдущая страница", "Previous Page"),
    "nextPage": ("Следующая страница", "Next Page"),
    "lastPage": ("Последняя страница", "Last Page"),
    "pageSizeSelectorLabel": ("Строк:", "Page Size:"),
    "noRowsToShow": ("Нет строк", "No Rows To Show"),
    "loadingOoo": ("Загрузка…", "Loading..."),
    "filterOoo": ("Фильтр…", "Filter..."),
    "searchOoo": ("Поиск…", "Search..."),
    "contains": ("Содержит", "Contains"),
    "notContains": ("Не содержит", "Does not contain"),
    "equals": ("Равно", "Equals"),
    "notEqual": ("Не равно", "Does not equal"),
    "startsWith": ("Начинается с", "Begins with"),
    "endsWith": ("Заканчивается на", "Ends with"),
    "blank": ("Пусто", "Blank"),
    "notBlank": ("Не пусто", "Not blank"),
    "andCondition": ("И", "AND"),
    "orCondition": ("ИЛИ", "OR"),
}

SECTIONS = (PAGE, COMPARISON, NETWORK, EXPORTS, REGISTRY, COMMAND_LINE, ADMIN)
TEXT: dict[str, tuple[str, str]] = {key: text for section in SECTIONS for key, text in section.items()}

# Nouns counted in sentences, in the CLDR plural categories of each language (formats.PLURAL_FORMS): the Russian
# forms for one, few and many (1 отметка, 2 отметки, 5 отметок), the English for one and other.
NOUNS: dict[str, tuple[tuple[str, str, str], tuple[str, str]]] = {
    "items": (("отметка", "отметки", "отметок"), ("item", "items")),
    "organisations": (("организация", "организации", "организаций"), ("organisation", "organisations")),
}
