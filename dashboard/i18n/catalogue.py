"""Every user-facing string of the product, Russian first and English second: one catalogue, looked up by
:func:`dashboard.i18n.t`."""

from __future__ import annotations

PAGE: dict[str, tuple[str, str]] = {
    "data_as_of": ("Данные на", "Data as of"),
    "coverage": (
        "Участники — организации, названные в источниках участниками или учредителями кластера: {named}. "
        "Заявленные числа участников — {reported} — другие меры из других источников; остальных участников "
        "источники не называют, и дашборд их не домысливает.",
        "Participants are the organisations the sources name as participants or founders of the cluster: {named}. "
        "The reported numbers of participants — {reported} — are different measures from different sources; the "
        "sources do not name the others, and the dashboard does not make them up.",
    ),
    "coverage_no_count": (
        "Участники — организации, названные в источниках участниками или учредителями кластера: {named}.",
        "Participants are the organisations the sources name as participants or founders of the cluster: {named}.",
    ),
    "coverage_reported": ("{count} ({date}, {source})", "{count} ({date}, {source})"),
    "synthetic_banner": (
        "СИНТЕТИЧЕСКИЕ ДАННЫЕ — для тестов и замеров, не реальный кластер",
        "SYNTHETIC DATA — for tests and benchmarks, not a real cluster",
    ),
    "filters": ("Фильтры", "Filters"),
    "filters_toggle": ("Фильтры и скачивание", "Filters and downloads"),
    "print_filters": ("Фильтры: {filters}", "Filters: {filters}"),
    "filter_sector": ("Отрасль", "Sector"),
    "filter_status": ("Статус участия", "Membership status"),
    "filter_role": ("Роль", "Role"),
    "filter_settlement": ("Населённый пункт", "Settlement"),
    "filter_date": ("Период", "Period"),
    "range_start": ("начало", "start"),
    "range_end": ("конец", "end"),
    "filter_search": ("Поиск по названию", "Search by name"),
    "filter_search_placeholder": ("например, {example}", "e.g. {example}"),
    "filter_search_placeholder_plain": ("часть названия", "part of a name"),
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
    "kpi_participants": ("Организации, названные участниками или учредителями",
                         "Organisations named as participants or founders"),
    "kpi_participants_note": ("по публичным источникам", "in public sources"),
    "kpi_reported_note": ("{date}, {source} — другая мера", "{date}, {source}: a different measure"),
    "kpi_reported": ("Последнее заявленное число участников", "Latest reported number of participants"),
    "kpi_agreements": ("Соглашения", "Agreements"),
    "kpi_projects": ("Проекты", "Projects"),
    "kpi_investment": ("Известные инвестиции", "Known investment"),
    "kpi_investment_note": ("сумма указанных в источниках сумм, {n} пр.", "sum of stated amounts, {n} proj."),
    "kpi_no_amount": ("нет данных", "no data"),
    "timeline": ("Хронология кластера", "Cluster timeline"),
    "timeline_legend": (
        "Закрашенный круг — известна дата, пустой круг — только месяц, квадрат — только год, треугольник — "
        "«не ранее». Ключевые вехи подписаны над рядами; «×5» у отметки — пять записей на одну дату (все они — "
        "в таблице данных).",
        "Filled circle: exact date; open circle: month only; square: year only; triangle: \"not before\". "
        "Key milestones are named above the rows; \"×5\" by a mark: five items on one date (the data table "
        "lists them all).",
    ),
    "timeline_hover": (
        "Наведите курсор на отметку или коснитесь её, чтобы увидеть все записи этой даты и их источники.",
        "Hover over or tap a mark to see every item of that date and its sources.",
    ),
    "timeline_milestones": ("Ключевые вехи кластера", "Key milestones of the cluster"),
    "timeline_undated": ("Без точной даты", "Without an exact date"),
    "map": ("Участники на карте: {region}", "Participants on the map: {region}"),
    "map_note": (
        "Точки стоят в центрах населённых пунктов (адреса организаций в источниках не указаны); группы одного "
        "города выстроены в ряд слева от его названия. Размер точки — число организаций.",
        "Points sit at town centres (sources give no organisation addresses); a town's groups stand in a row to "
        "the left of its name. A point's size is its number of organisations.",
    ),
    "map_group_members": ("Участники кластера", "Cluster members"),
    "map_credit": ("Карта: Natural Earth; GSHHG; GeoNames", "Map: Natural Earth; GSHHG; GeoNames"),
    "map_inset": ("Увеличенный фрагмент", "Enlarged detail"),
    "outside_region": ("За пределами региона", "Outside the region"),
    "no_location": ("Место не указано", "Location not stated"),
    "growth": ("Рост числа участников", "Membership growth"),
    "growth_named": ("Названные участники (нарастающим итогом)", "Named participants (cumulative)"),
    "growth_reported": ("Заявленное число участников", "Reported number of participants"),
    "growth_note": (
        "Вверху — числа участников из сообщений (у каждого — источник и его слова); это разные источники с разным "
        "пониманием участника, между ними данных нет, поэтому линия их не соединяет. Внизу — организации, "
        "названные в источниках, по дате первого упоминания: лишь часть участников кластера.",
        "Top: participant counts from statements (each with its source and wording); they come from different "
        "sources that may define a participant differently, nothing is known between them, so no line joins "
        "them. Bottom: organisations named in sources, by date first linked: only part of the cluster.",
    ),
    "growth_reported_panel": (
        "Заявленное число участников — весь кластер, разные источники",
        "Reported number of participants — the whole cluster, different sources",
    ),
    "growth_named_panel": (
        "Названы в источниках: {named} — это не вся численность кластера",
        "Named in sources: {named} — not the cluster's whole membership",
    ),
    "growth_named_panel_filtered": (
        "Названы в источниках, под фильтры: {named}",
        "Named in sources, matching the filters: {named}",
    ),
    "growth_reported_unfiltered": (
        "Заявленные числа — по всему кластеру: фильтры, кроме периода, на них не действуют.",
        "The reported counts are the whole cluster's: no filter but the period applies to them.",
    ),
    "growth_no_named": (
        "Под фильтры не подходит ни одна названная организация. Расширьте период или снимите часть фильтров.",
        "No named organisation matches the filters. Widen the period or clear some of the filters.",
    ),
    "growth_wording": ("Как сказано в источнике", "As the source puts it"),
    "compare_widen": ("Выберите другие даты или снимите часть фильтров.",
                      "Choose other dates or clear some of the filters."),
    "network_widen": ("Расширьте период или снимите часть фильтров, чтобы увидеть связи.",
                      "Widen the period or clear some of the filters to see links."),
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
    "amount_not_stated": ("не указана в источниках", "not stated in the sources"),
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
        "региона — Natural Earth (общественное достояние).",
        "Data: public sources (a link on every record); coordinates: GeoNames (CC BY 4.0); region outline: "
        "Natural Earth (public domain).",
    ),
    "summary_timeline": ("На хронологии {items}, {span} ({groups}).", "The timeline has {items}, {span} ({groups})."),
    "summary_timeline_empty": ("На хронологии нет отметок.", "The timeline has no items."),
    "years_span": ("{first}–{last} гг.", "{first}–{last}"),
    "year": ("{first} г.", "{first}"),
    "summary_map": (
        "На карте региона {inside}: {towns}. За пределами региона — {outside}, место не указано — {unlocated}.",
        "The region's map shows {inside}: {towns}. Outside the region: {outside}; location not stated: {unlocated}.",
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
    "asof_hint": ("Когда фокус на этой панели, клавиши ← → тоже переключают дату; все клавиши — «?».",
                  "With the focus in this bar, the ← → keys step the date too; all keys: “?”."),
    "present_on": ("Режим презентации", "Presentation mode"),
    "present_off": ("Выйти из презентации", "Leave presentation"),
    "shortcuts": ("Клавиши", "Keyboard shortcuts"),
    "shortcuts_open": ("Клавиши управления дашбордом", "Keyboard shortcuts of the dashboard"),
    "shortcuts_close": ("Закрыть", "Close"),
    "keys_step": ("← →", "← →"),
    "shortcut_step": ("Шаг даты «Состояние на» назад или вперёд: когда фокус на панели даты, а в режиме презентации "
                      "— везде", "Step the “As of” date back or forward: with the focus in the date bar, and "
                      "anywhere in presentation mode"),
    "keys_page": ("PageUp PageDown", "PageUp PageDown"),
    "shortcut_page": ("То же в режиме презентации (их посылает пульт докладчика); в остальное время листают страницу",
                      "The same in presentation mode (a presenter's clicker sends them); otherwise they scroll "
                      "the page"),
    "keys_enter": ("Enter", "Enter"),
    "shortcut_enter": ("В таблице участников: открыть профиль организации",
                       "In the members table: open the organisation's profile"),
    "keys_help": ("?", "?"),
    "shortcut_help": ("Этот список клавиш", "This list of keys"),
    "keys_close": ("Esc", "Esc"),
    "shortcut_close": ("Закрыть этот список или профиль организации", "Close this list or an organisation's profile"),
    "meta_description": (
        "{name}: участники, хронология с {year} года, карта, рост, соглашения и совместные проекты — по открытым "
        "источникам, со ссылкой на источник у каждой записи.",
        "{name}: members, a timeline since {year}, a map, growth, agreements and joint projects, from public "
        "sources, with a link to the source on every record.",
    ),
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
    "empty_chart": ("Под выбранные фильтры ничего не подходит. Расширьте период или снимите часть фильтров.",
                    "Nothing matches the filters. Widen the period or clear some of the filters."),
    "data_error": ("Ошибка данных", "Data error"),
}

# Each part of the product keeps its texts in its own section; the sections make one catalogue, and a key names
# one text only (tests/unit/i18n checks that no key is declared twice).
COMPARISON: dict[str, tuple[str, str]] = {
    "compare_title": ("Сравнение двух дат", "Compare two dates"),
    "compare_date_a": ("Дата А", "Date A"),
    "compare_date_b": ("Дата Б", "Date B"),
    "compare_joined": ("Вступили", "Joined"),
    "compare_left": ("Вышли", "Left"),
    "compare_agreements": ("Подписаны соглашения", "Agreements signed"),
    "compare_projects_started": ("Начаты проекты", "Projects started"),
    "compare_projects_finished": ("Завершены проекты", "Projects finished"),
    "compare_events": ("События", "Events"),
    "compare_nothing": ("ничего", "nothing"),
    "compare_note": (
        "Показано то, что произошло после даты А и не позже даты Б; фильтры отрасли, статуса, роли, "
        "населённого пункта и поиска действуют, период из панели фильтров — нет. Даты, известные с точностью "
        "до месяца или года, хранятся как первый день периода: запись считается состоявшейся к дате, если "
        "этот день не позже неё (например, «03.2016» — к 01.03.2016). «Вступили» и «Вышли» — участники "
        "кластера и межрегионального авиакластера, как на хронологии; записи без даты не учитываются. "
        "Столбцы — названные в источниках учредители и участники по отраслям на каждую из двух дат.",
        "Shown: what happened after date A and no later than date B; the sector, status, role, settlement "
        "and search filters apply, the period of the filter panel does not. Dates known only to the month or "
        "year are stored as the first day of that period: an item counts as happened by a date when that day "
        "is not after it (e.g. \"Mar 2016\" counts from 1 Mar 2016). \"Joined\" and \"Left\" cover members of "
        "the cluster and of the interregional aviation cluster, as on the timeline; undated items are not "
        "counted. Bars: founders and members named in sources, by sector, on each of the two dates.",
    ),
    "compare_bar_name": ("{which}: {date}", "{which}: {date}"),
    "compare_period": ("С {a} по {b}", "From {a} to {b}:"),
    "compare_sector_table": ("Названные участники по отраслям", "Named participants by sector"),
    "compare_col_change": ("Изменение", "Change"),
    "compare_total": ("Всего", "Total"),
    "compare_no_participants": (
        "Под фильтры не подходит ни один названный участник.", "No named participant matches the filters.",
    ),
    "compare_participants_summary": (
        "Названных участников: {at_a} на {a} и {at_b} на {b}.",
        "Named participants: {at_a} on {a} and {at_b} on {b}.",
    ),
}

NETWORK: dict[str, tuple[str, str]] = {
    "network_title": ("Сеть сотрудничества", "Collaboration network"),
    "network_explain": (
        "Организации связаны, если у них есть общее соглашение или совместный проект; размер точки — число "
        "партнёров. Нажмите на точку, чтобы открыть профиль организации.",
        "Organisations are linked when they share an agreement or a joint project; the size of a point is "
        "the number of partners. Click a point to open the organisation's profile.",
    ),
    "network_empty": ("Нет общих соглашений и проектов", "No shared agreements or projects"),
    "network_partners": ("Партнёров", "Partners"),
    "network_left_out": (
        "Организаций со связями: {total}; показаны {shown} с наибольшим числом партнёров",
        "Organisations with links: {total}; showing the {shown} with the most partners",
    ),
    "network_skipped": (
        "Соглашений и проектов с очень большим числом участников, не показанных связями: {n}",
        "Agreements and projects with very many parties not drawn as links: {n}",
    ),
    "network_summary": ("{orgs}, {links}; больше всего партнёров у {top}.", "{orgs}, {links}; most partners: {top}."),
    "network_table": ("Таблица связей", "Table of links"),
    "network_col_org": ("Организация", "Organisation"),
    "network_col_partners": ("Партнёров", "Partners"),
    "network_col_names": ("Партнёры (общих соглашений и проектов)", "Partners (shared agreements and projects)"),
    "and": ("и", "and"),
}

EXPORTS: dict[str, tuple[str, str]] = {
    "export_about": ("Сведения", "About"),
    "export_cluster": ("Кластер", "Cluster"),
    "export_coverage": ("Покрытие", "Coverage"),
    "export_credits": ("Источники данных", "Data credits"),
    "export_rows": ("Строк в таблице «{table}»", "Rows in table \"{table}\""),
    "col_reported": ("Заявленное число участников", "Reported participants"),
    "export_period_all": ("{first}–{last} (весь период)", "{first}–{last} (whole period)"),
    "export_focus": ("Выбранные организации", "Selected organisations"),
    "export_snapshot": ("срез", "snapshot"),
    "export_kpis": ("Ключевые показатели", "Key figures"),
    "export_by_sector_note": (
        "Учредители и участники кластера, названные в открытых источниках, в текущей выборке.",
        "Founders and members of the cluster named in public sources, in the current selection.",
    ),
    "export_growth_note": (
        "Области — участники, названные в источниках, нарастающим итогом по дате первого упоминания. "
        "Таблица — числа участников из официальных сообщений; между этими датами данных нет.",
        "Areas: participants named in sources, cumulative by date first linked. Table: participant counts "
        "from official statements; nothing is known between those dates.",
    ),
    "export_page": ("{title} ({page} из {pages})", "{title} ({page} of {pages})"),
    "export_not_on_map": ("Не на карте: {outside} за пределами региона, {unlocated} без указанного места.",
                          "Not on the map: {outside} outside the region, {unlocated} with no stated location."),
    # The columns only the files carry (data.tables): a date's precision, an amount's currency, the sources' words.
    "col_joined_precision": ("Первое упоминание: точность", "First linked: precision"),
    "col_date_precision": ("Дата: точность", "Date: precision"),
    "col_started": ("Начало", "Start"),
    "col_started_precision": ("Начало: точность", "Start: precision"),
    "col_finished": ("Окончание", "End"),
    "col_finished_precision": ("Окончание: точность", "End: precision"),
    "col_currency": ("Валюта", "Currency"),
    "col_amount_note": ("Сумма: как в источнике", "Amount: source wording"),
    "col_approximate": ("Приблизительно", "Approximate"),
    "export_yes": ("да", "yes"),
    "export_no": ("нет", "no"),
    # What the files say about themselves (the XLSX "About" sheet, the ZIP's text file).
    "export_title": ("Выгрузка", "Export"),
    "export_title_text": ("Таблицы дашборда «{cluster}»", "Tables of the dashboard \"{cluster}\""),
    "export_licence": ("Лицензия", "Licence"),
    "export_how_dates": ("Даты", "Dates"),
    "export_how_dates_text": (
        "Настоящие даты: месяц или год записан его первым днём, точность — в столбце «…: точность» (день, месяц, "
        "год, не ранее); неизвестная дата — пустая ячейка.",
        "Real dates: a month or a year is written as its first day, its precision in the \"…: precision\" column "
        "(day, month, year, not before); an unknown date is an empty cell.",
    ),
    "export_how_amounts": ("Суммы и числа", "Amounts and counts"),
    "export_how_amounts_text": (
        "Числа: суммы — в валюте столбца «Валюта» (RUB — рубли), слова источника о сумме — в столбце «Сумма: как в "
        "источнике»; приблизительные числа отмечены в столбце «Приблизительно».",
        "Numbers: amounts in the currency of the \"Currency\" column (RUB: roubles), the source's words on an "
        "amount in the \"Amount: source wording\" column; approximate counts are marked in the \"Approximate\" "
        "column.",
    ),
    "export_how_csv": ("Файлы CSV", "CSV files"),
    "export_how_csv_text": (
        "UTF-8 с BOM; разделитель «{separator}», десятичный знак «{decimal}», даты ГГГГ-ММ-ДД; первая строка — "
        "заголовки, остальные — только данные.",
        "UTF-8 with BOM; separator \"{separator}\", decimal mark \"{decimal}\", dates YYYY-MM-DD; the first line "
        "holds the headers, every other line is data.",
    ),
    "download_csv_zip": ("Все таблицы и описание (ZIP)", "All tables with a description (ZIP)"),
    # What a chart's picture says under its title: the filters it shows.
    "export_picture_filters": ("Фильтры: {filters}", "Filters: {filters}"),
    # File-name words for what the dashboard exports (export_file_what_<what>): every table and chart has one.
    "export_file_what_organisations": ("участники", "members"),
    "export_file_what_agreements": ("соглашения", "agreements"),
    "export_file_what_projects": ("проекты", "projects"),
    "export_file_what_events": ("хронология", "timeline"),
    "export_file_what_counts": ("численность", "counts"),
    "export_file_what_tables": ("таблицы", "tables"),
    "export_file_what_presentation": ("презентация", "presentation"),
    "export_file_what_map": ("карта", "map"),
    "export_file_what_about": ("сведения", "about"),
    "export_file_what_timeline": ("хронология", "timeline"),
    "export_file_what_growth": ("рост участников", "membership growth"),
    "export_file_what_sectors": ("участники по отраслям", "members by sector"),
    "export_file_what_network": ("сеть связей", "network"),
    "export_file_what_compare-figure": ("сравнение", "comparison"),
    # File-name words standing for a filter's values when it has too many to list (export_file_many_<filter>).
    "export_file_many_sector": ("отрасли", "sectors"),
    "export_file_many_status": ("статусы", "statuses"),
    "export_file_many_role": ("роли", "roles"),
    "export_file_many_settlement": ("пункты", "places"),
    "export_file_many_focus": ("организации", "orgs"),
}

REGISTRY: dict[str, tuple[str, str]] = {
    # The workbook: sheet titles, what each sheet holds, column headers, hints (a column's own, else its kind's).
    "registry_sheet_organisations": ("Организации", "Organisations"),
    "registry_sheet_agreements": ("Соглашения", "Agreements"),
    "registry_sheet_projects": ("Проекты", "Projects"),
    "registry_sheet_events": ("События", "Events"),
    "registry_sheet_membership_counts": ("Численность", "Membership counts"),
    "registry_sheet_instructions": ("Инструкция", "Instructions"),
    "registry_sheet_lists": ("Списки", "Lists"),
    "registry_about_organisations": ("Участники кластера и связанные организации: одна строка — одна организация.",
                                     "Cluster members and related bodies: one row per organisation."),
    "registry_about_agreements": (
        "Соглашения о создании кластера, вступлении, инвестициях: одна строка — одно соглашение.",
        "Founding, joining and investment agreements: one row per agreement."),
    "registry_about_projects": ("Совместные и инвестиционные проекты: одна строка — один проект.",
                                "Joint and investment projects: one row per project."),
    "registry_about_events": (
        "События хронологии: объявления, вехи, реестр, переименования, контекст региона.",
        "Timeline events: announcements, milestones, registry entries, renamings, regional context."),
    "registry_about_membership_counts": ("Число участников кластера, как его называют источники.",
                                         "Participant counts as the sources report them."),
    "registry_column_id": ("Идентификатор", "ID"),
    "registry_column_name_ru": ("Название", "Name"),
    "registry_column_name_en": ("Название (англ.)", "Name (English)"),
    "registry_column_short_name_ru": ("Краткое название", "Short name"),
    "registry_column_short_name_en": ("Краткое название (англ.)", "Short name (English)"),
    "registry_column_inn": ("ИНН", "INN"),
    "registry_column_ogrn": ("ОГРН", "OGRN"),
    "registry_column_sector": ("Отрасль", "Sector"),
    "registry_column_role": ("Роль", "Role"),
    "registry_column_organisations_status": ("Статус участия", "Membership status"),
    "registry_column_settlement_id": ("Населённый пункт", "Settlement"),
    "registry_column_location_precision": ("Точность местоположения", "Location precision"),
    "registry_column_joined": ("Дата вступления", "Joined"),
    "registry_column_left": ("Дата выхода", "Left"),
    "registry_column_website": ("Сайт", "Website"),
    "registry_column_source_urls": ("Источник (URL)", "Source (URL)"),
    "registry_column_confidence": ("Достоверность", "Confidence"),
    "registry_column_notes_ru": ("Примечания", "Notes"),
    "registry_column_notes_en": ("Примечания (англ.)", "Notes (English)"),
    "registry_column_signed": ("Дата подписания", "Date signed"),
    "registry_column_title_ru": ("Название", "Title"),
    "registry_column_title_en": ("Название (англ.)", "Title (English)"),
    "registry_column_label_ru": ("Подпись на хронологии (ключевая веха)", "Timeline label (key milestone)"),
    "registry_column_label_en": ("Подпись на хронологии (англ.)", "Timeline label (English)"),
    "registry_column_agreements_kind": ("Вид соглашения", "Kind"),
    "registry_column_parties": ("Стороны", "Parties"),
    "registry_column_place_ru": ("Место подписания", "Place"),
    "registry_column_place_en": ("Место подписания (англ.)", "Place (English)"),
    "registry_column_amount_rub": ("Сумма (руб.)", "Amount (RUB)"),
    "registry_column_scope": ("Относится к", "Scope"),
    "registry_column_started": ("Начало", "Start"),
    "registry_column_finished": ("Окончание", "Finish"),
    "registry_column_projects_status": ("Статус проекта", "Project status"),
    "registry_column_amount_note_ru": ("Пояснение к сумме", "Amount note"),
    "registry_column_amount_note_en": ("Пояснение к сумме (англ.)", "Amount note (English)"),
    "registry_column_participants": ("Участники", "Participants"),
    "registry_column_date": ("Дата", "Date"),
    "registry_column_events_kind": ("Вид события", "Kind"),
    "registry_column_organisations": ("Организации", "Organisations"),
    "registry_column_project_id": ("Проект", "Project"),
    "registry_column_count": ("Число", "Count"),
    "registry_column_approximate": ("Приблизительно", "Approximate"),
    "registry_column_counted": ("Что посчитано", "Counted"),
    "registry_hint_name_ru": ("Полное название, например ПАО «Яковлев»", "Full name, e.g. ПАО «Яковлев»"),
    "registry_hint_name_en": ("Пусто — используется русское название", "Empty: the Russian name is used"),
    "registry_hint_location_precision": ("Пусто — «населённый пункт», если он указан, иначе «не указано»",
                                         "Empty: «settlement» when one is given, else «not stated»"),
    "registry_hint_source_urls": ("Ссылка на источник, подтверждающий строку; несколько — через пробел",
                                  "Link to the source behind the row; several separated by spaces"),
    "registry_hint_confidence": ("«указано в источнике» или «наш вывод» (рассуждение — в примечаниях)",
                                 "«stated in the source» or «our inference» (reasoning in the notes)"),
    "registry_hint_title_en": ("Пусто — используется русское название", "Empty: the Russian title is used"),
    "registry_hint_scope": (
        "Машиностроительный кластер, межрегиональный авиакластер 2019 г. или контекст региона",
        "The machine-building cluster, the 2019 interregional aviation cluster or regional context"),
    "registry_hint_approximate": ("«да», если источник пишет «около»; пусто — нет",
                                  "«yes» when the source says «about»; empty: no"),
    "registry_hint_kind_id": ("Латиница, цифры, дефис; пусто — создаётся из названия",
                              "Lowercase Latin letters, digits, hyphens; empty: made from the name"),
    "registry_hint_kind_date": (
        "ДД.ММ.ГГГГ, ММ.ГГГГ или ГГГГ; «не ранее ММ.ГГГГ» — если известна только нижняя граница",
        "DD.MM.YYYY, MM.YYYY or YYYY; «not before MM.YYYY» when only a lower bound is known"),
    "registry_hint_kind_enum": ("Выберите значение из списка", "Pick a value from the list"),
    "registry_hint_kind_number": ("Число цифрами, например 440000000 или 78,3",
                                  "A number in digits, e.g. 440000000 or 78.3"),
    "registry_hint_kind_integer": ("Целое число", "A whole number"),
    "registry_hint_kind_boolean": ("да или нет", "yes or no"),
    "registry_hint_kind_orgs": ("Названия, краткие названия, ИНН или идентификаторы организаций через «;»",
                                "Names, short names, INN or ids of organisations separated by «;»"),
    "registry_hint_kind_urls": ("Ссылки http(s)://…, несколько — через пробел",
                                "http(s):// links, several separated by spaces"),
    "registry_hint_kind_url": ("Адрес http(s)://…", "An http(s):// address"),
    "registry_hint_kind_settlement": ("Выберите из списка населённых пунктов", "Pick from the list of settlements"),
    "registry_hint_kind_sector": ("Выберите отрасль из списка", "Pick a sector from the list"),
    "registry_hint_kind_project": ("Идентификатор или название проекта с листа «Проекты»",
                                   "Id or title of a project from the Projects sheet"),
    "registry_hint_kind_inn": ("10 цифр (организация) или 12 цифр (ИП)",
                               "10 digits (company) or 12 digits (sole trader)"),
    "registry_hint_kind_ogrn": ("13 цифр (ОГРН) или 15 цифр (ОГРНИП)", "13 digits (OGRN) or 15 digits (OGRNIP)"),
    # Import findings: what is wrong (registry_finding_<code>) and how to fix it (registry_fix_<code>).
    "registry_finding_file_too_large": ("Файл слишком большой: {size} МБ при пределе {limit} МБ.",
                                        "The file is too large: {size} MB, the limit is {limit} MB."),
    "registry_finding_too_many_rows": ("В таблице больше {limit} строк — столько реестр кластера не содержит.",
                                       "The table has more than {limit} rows, more than a cluster's registry holds."),
    "registry_fix_too_many_rows": ("Проверьте, не попали ли в файл лишние строки, или разделите его; предел задаёт "
                                   "переменная CLUSTER_IMPORT_MAX_ROWS.",
                                   "Check the file for stray rows, or split it; the limit is set by the "
                                   "CLUSTER_IMPORT_MAX_ROWS environment variable."),
    "registry_finding_workbook_unpacks_too_large": ("Листы книги занимают после распаковки {size} МБ — больше "
                                                    "{limit} МБ, которых хватает реестру до {rows} строк. Файл не "
                                                    "читался.",
                                                    "The workbook's sheets unpack to {size} MB, more than the "
                                                    "{limit} MB a registry of up to {rows} rows needs. The file was "
                                                    "not read."),
    "registry_fix_workbook_unpacks_too_large": ("Проверьте, не попали ли в книгу лишние строки или листы, или "
                                                "разделите её.",
                                                "Check the workbook for stray rows or sheets, or split it."),
    "registry_finding_invisible_removed": ("В ячейке были невидимые символы (нулевой ширины или меняющие "
                                           "направление текста); они удалены.",
                                           "The cell held invisible characters (zero-width, or ones that change the "
                                           "text's direction); they were removed."),
    "registry_fix_invisible_removed": ("Проверьте текст: такие символы часто попадают при копировании из "
                                       "браузера или мессенджера.",
                                       "Check the text: such characters often come with copying from a browser or a "
                                       "messenger."),
    "registry_finding_sheet_too_large": ("Лист занимает диапазон {extent}: больше {rows} строк или {columns} "
                                         "столбцов. Его ячейки не читались.",
                                         "The sheet spans {extent}: more than {rows} rows or {columns} columns. Its "
                                         "cells were not read."),
    "registry_fix_sheet_too_large": ("Удалите пустые строки и столбцы за пределами таблицы (в том числе с "
                                     "оформлением) и сохраните файл снова.",
                                     "Delete the empty rows and columns beyond the table (formatted ones too) and "
                                     "save the file again."),
    "registry_finding_more_of_kind": ("…и ещё {n} таких же замечаний («{message}»).",
                                      "…and {n} more findings of this kind (\"{message}\")."),
    "registry_fix_more_of_kind": ("Исправьте первые из них — остальные, скорее всего, той же природы.",
                                  "Fix the first of them: the rest are most likely of the same nature."),
    "registry_finding_number_too_large": ("Число слишком велико: больше {limit}.",
                                          "The number is too large: more than {limit}."),
    "registry_fix_number_too_large": ("Проверьте, не лишние ли это цифры, и укажите сумму в рублях.",
                                      "Check for extra digits and give the amount in roubles."),
    "registry_fix_file_too_large": (
        "Удалите лишнее (картинки, пустые и служебные листы) или загрузите листы по отдельности в CSV.",
        "Remove what is not needed (pictures, empty or extra sheets) or upload the sheets one by one as CSV."),
    "registry_finding_file_type": ("Файлы «{suffix}» не принимаются.", "«{suffix}» files are not accepted."),
    "registry_fix_file_type": ("Сохраните реестр как книгу Excel (.xlsx) или как таблицу CSV (.csv).",
                               "Save the registry as an Excel workbook (.xlsx) or as a CSV table (.csv)."),
    "registry_finding_file_unreadable": ("Файл не удаётся прочитать: {reason}.", "The file cannot be read: {reason}."),
    "registry_fix_file_unreadable": (
        "Откройте его в Excel и сохраните заново как «Книга Excel (.xlsx)» или «CSV UTF-8 (.csv)».",
        "Open it in Excel and save it again as «Excel Workbook (.xlsx)» or «CSV UTF-8 (.csv)»."),
    "registry_finding_file_empty": ("Файл пуст.", "The file is empty."),
    "registry_fix_file_empty": ("Заполните шаблон реестра: в строке 1 — заголовки столбцов, со строки 2 — данные.",
                                "Fill in the registry template: column headers in row 1, data from row 2."),
    "registry_finding_no_sheets": ("В книге нет ни одного листа реестра.", "The workbook has no registry sheet."),
    "registry_fix_no_sheets": ("Назовите листы так же, как в шаблоне: {titles}.",
                               "Name the sheets as in the template: {titles}."),
    "registry_finding_sheet_unknown": ("Лист «{sheet}» не относится к реестру и пропущен.",
                                       "Sheet «{sheet}» is not part of the registry and was skipped."),
    "registry_fix_sheet_unknown": ("Если на нём данные реестра, переименуйте его: {titles}.",
                                   "If it holds registry data, rename it: {titles}."),
    "registry_finding_sheet_duplicate": ("Лист «{sheet}» повторяет лист «{first}»: оба — таблица «{table}».",
                                         "Sheet «{sheet}» repeats sheet «{first}»: both are the «{table}» table."),
    "registry_fix_sheet_duplicate": ("Оставьте только один из них.", "Keep only one of them."),
    "registry_finding_table_unknown": ("Не удаётся понять, какая это таблица реестра{candidates}.",
                                       "Cannot tell which registry table this is{candidates}."),
    "registry_fix_table_unknown": (
        "Назовите файл по таблице ({files}) или возьмите заголовки столбцов из шаблона.",
        "Name the file after its table ({files}) or take the column headers from the template."),
    "registry_finding_no_rows": ("Нет ни одной строки с данными, только заголовки.",
                                 "There are no data rows, only headers."),
    "registry_fix_no_rows": ("{effect}Данные вносятся со строки 2, под заголовками.",
                             "{effect}Data go from row 2, under the headers."),
    "registry_finding_column_unknown": ("Столбец «{column}» не относится к листу «{table}» и будет пропущен.",
                                        "Column «{column}» is not part of the «{table}» sheet and will be skipped."),
    "registry_fix_column_unknown": ("Если в нём нужные данные, назовите его как в шаблоне.",
                                    "If it holds data you need, name it as in the template."),
    "registry_finding_column_missing": ("Нет обязательного столбца «{column}».",
                                        "The required column «{column}» is missing."),
    "registry_fix_column_missing": ("Добавьте в строку заголовков столбец «{column}» и заполните его.",
                                    "Add the column «{column}» to the header row and fill it in."),
    "registry_finding_column_duplicate": ("Столбец «{column}» повторяет столбец «{first}».",
                                          "Column «{column}» repeats column «{first}»."),
    "registry_fix_column_duplicate": ("Оставьте только один из них.", "Keep only one of them."),
    "registry_finding_required": ("Не заполнено обязательное поле «{column}».",
                                  "The required field «{column}» is empty."),
    "registry_fix_required": ("{what}", "{what}"),
    "registry_finding_merged_cell": (
        "Ячейка «{column}» входит в объединённую область {area}: значение области хранится только в её первой "
        "ячейке, в этой строке поле пусто.",
        "The «{column}» cell lies in the merged area {area}: the area's value is stored in its first cell only, "
        "so this row's field is empty."),
    "registry_fix_merged_cell": ("Отмените объединение ячеек и впишите значение в каждую строку.",
                                 "Unmerge the cells and write the value in every row."),
    "registry_finding_formula_no_value": (
        "В ячейке «{column}» формула без вычисленного значения (файл сохранила программа, которая не вычисляет "
        "формулы), поэтому значение неизвестно.",
        "The «{column}» cell holds a formula with no computed value (the file was saved by a program that does "
        "not calculate formulas), so its value is unknown."),
    "registry_fix_formula_no_value": (
        "Откройте файл в Excel или LibreOffice и сохраните его заново либо замените формулу её значением.",
        "Open the file in Excel or LibreOffice and save it again, or replace the formula with its value."),
    "registry_finding_date_format": ("«{value}» — не дата{reason}.", "«{value}» is not a date{reason}."),
    "registry_fix_date_format": (
        "Укажите дату в виде ДД.ММ.ГГГГ, ММ.ГГГГ или ГГГГ (например, 20.11.2014, 11.2014 или 2014); если известна "
        "только нижняя граница — «не ранее 04.2022».",
        "Write the date as DD.MM.YYYY, MM.YYYY or YYYY (e.g. 20.11.2014, 11.2014 or 2014); when only a lower bound "
        "is known, «not before 04.2022»."),
    "registry_finding_date_before_launch": ("Дата {date} раньше запуска кластера ({launch}).",
                                            "The date {date} is before the cluster's launch ({launch})."),
    "registry_fix_date_before_launch": ("{advice}", "{advice}"),
    "registry_finding_date_in_future": ("Дата {date} ещё не наступила.", "The date {date} has not come yet."),
    "registry_fix_date_in_future": ("Исправьте дату; о планах напишите в примечаниях.",
                                    "Correct the date; describe plans in the notes."),
    "registry_finding_end_before_start": ("«{column}» ({date}) раньше, чем «{start_column}» ({start}).",
                                          "«{column}» ({date}) is earlier than «{start_column}» ({start})."),
    "registry_fix_end_before_start": ("Проверьте обе даты.", "Check both dates."),
    "registry_finding_number_format": ("«{value}» — не число.", "«{value}» is not a number."),
    "registry_fix_number_format": ("Запишите число цифрами, без букв: 440000000, 440 000 000 или 78,3.",
                                   "Write the number in digits, without words: 440000000, 440 000 000 or 78.3."),
    "registry_finding_integer_format": ("«{value}» — не целое число.", "«{value}» is not a whole number."),
    "registry_fix_integer_format": ("Укажите целое число цифрами, например 40.",
                                    "Write a whole number in digits, e.g. 40."),
    "registry_finding_number_negative": ("Число не может быть отрицательным: {value}.",
                                         "The number cannot be negative: {value}."),
    "registry_fix_number_negative": ("Укажите ноль или положительное число.", "Give zero or a positive number."),
    "registry_finding_boolean_format": ("«{value}» — ожидается «да» или «нет».", "«{value}»: «yes» or «no» expected."),
    "registry_fix_boolean_format": ("Напишите «да» или «нет» (yes/no); пустая ячейка означает «нет».",
                                    "Write «yes» or «no» (да/нет); an empty cell means «no»."),
    "registry_finding_enum_unknown": ("Значения «{value}» нет среди допустимых для столбца «{column}».",
                                      "«{value}» is not one of the values column «{column}» allows."),
    "registry_fix_enum_unknown": ("Выберите из списка: {allowed}.", "Pick one from the list: {allowed}."),
    "registry_finding_sector_unknown": ("Отрасли «{value}» нет в справочнике отраслей.",
                                        "Sector «{value}» is not in the sector list."),
    "registry_fix_sector_unknown": ("Выберите отрасль из списка: {allowed}.",
                                    "Pick a sector from the list: {allowed}."),
    "registry_finding_settlement_unknown": ("Населённого пункта «{value}» нет в справочнике.",
                                            "Settlement «{value}» is not in the gazetteer."),
    "registry_fix_settlement_unknown": (
        "Выберите населённый пункт из списка шаблона; если нужного нет, оставьте ячейку пустой и напишите его в "
        "примечаниях.",
        "Pick a settlement from the template's list; if it is not there, leave the cell empty and name it in the "
        "notes."),
    "registry_finding_settlement_ambiguous": ("«{value}» подходит к нескольким населённым пунктам: {candidates}.",
                                              "«{value}» fits several settlements: {candidates}."),
    "registry_fix_settlement_ambiguous": ("Укажите идентификатор нужного (в скобках).",
                                          "Give the id of the one you mean (in brackets)."),
    "registry_finding_settlement_outside_region": ("«{value}» — за пределами региона кластера ({region}).",
                                                   "«{value}» is outside the cluster's region ({region})."),
    "registry_fix_settlement_outside_region": (
        "Так бывает у партнёров из других регионов; проверьте, что выбран нужный населённый пункт.",
        "Partners from other regions are like that; check that the right settlement is chosen."),
    "registry_finding_org_unknown": ("Организация «{value}» не найдена {where}.",
                                     "Organisation «{value}» is not found {where}."),
    "registry_fix_org_unknown": (
        "Укажите название, краткое название, ИНН или идентификатор организации так, как на листе «Организации»; "
        "несколько организаций разделяйте «;».",
        "Give the organisation's name, short name, INN or id as on the Organisations sheet; separate several with "
        "«;»."),
    "registry_finding_org_ambiguous": ("«{value}» подходит к нескольким организациям: {candidates}.",
                                       "«{value}» fits several organisations: {candidates}."),
    "registry_fix_org_ambiguous": ("Укажите ИНН или идентификатор нужной организации (в скобках).",
                                   "Give the INN or the id (in brackets) of the one you mean."),
    "registry_finding_project_unknown": ("Проект «{value}» не найден {where}.",
                                         "Project «{value}» is not found {where}."),
    "registry_fix_project_unknown": ("Укажите идентификатор или название проекта так, как на листе «Проекты».",
                                     "Give the project's id or title as on the Projects sheet."),
    "registry_finding_project_ambiguous": ("«{value}» подходит к нескольким проектам: {candidates}.",
                                           "«{value}» fits several projects: {candidates}."),
    "registry_fix_project_ambiguous": ("Укажите идентификатор нужного проекта (в скобках).",
                                       "Give the id of the project you mean (in brackets)."),
    "registry_finding_id_invalid": ("Идентификатор «{value}» недопустим.", "The id «{value}» is not allowed."),
    "registry_fix_id_invalid": (
        "Используйте строчные латинские буквы, цифры, «-» и «_», начиная с буквы или цифры (например, irkut-plant), "
        "или оставьте ячейку пустой: идентификатор будет создан из названия.",
        "Use lowercase Latin letters, digits, «-» and «_», starting with a letter or digit (e.g. irkut-plant), or "
        "leave the cell empty: the id is then made from the name."),
    "registry_finding_id_duplicate": ("Идентификатор «{value}» уже есть в строке {first}.",
                                      "The id «{value}» is already used in row {first}."),
    "registry_fix_id_duplicate": ("Дайте каждой строке свой идентификатор или оставьте ячейку пустой.",
                                  "Give every row its own id or leave the cell empty."),
    "registry_finding_inn_invalid": ("ИНН «{value}» неверен: {reason}.", "INN «{value}» is wrong: {reason}."),
    "registry_fix_inn_invalid": ("Сверьте ИНН с выпиской из ЕГРЮЛ или ЕГРИП.",
                                 "Check the INN against the state register extract."),
    "registry_finding_ogrn_invalid": ("ОГРН «{value}» неверен: {reason}.", "OGRN «{value}» is wrong: {reason}."),
    "registry_fix_ogrn_invalid": ("Сверьте ОГРН с выпиской из ЕГРЮЛ или ЕГРИП.",
                                  "Check the OGRN against the state register extract."),
    "registry_finding_org_duplicate_inn": ("ИНН {value} уже указан в строке {first} («{name}»).",
                                           "INN {value} is already given in row {first} («{name}»)."),
    "registry_fix_org_duplicate_inn": ("Если это одна организация, оставьте одну строку; иначе исправьте ИНН.",
                                       "If it is the same organisation, keep one row; otherwise correct the INN."),
    "registry_finding_org_duplicate_name": (
        "Организация «{value}» уже есть в строке {first} («{name}»): названия совпадают без учёта регистра, кавычек "
        "и организационно-правовой формы.",
        "Organisation «{value}» is already in row {first} («{name}»): the names are the same apart from case, quotes "
        "and legal form."),
    "registry_fix_org_duplicate_name": ("Оставьте одну строку или уточните название.",
                                        "Keep one row or make the name more specific."),
    "registry_finding_url_invalid": ("«{value}» — не ссылка http(s).", "«{value}» is not an http(s) link."),
    "registry_fix_url_invalid": (
        "Укажите полный адрес, начиная с http:// или https://; несколько ссылок разделяйте пробелом.",
        "Give the full address starting with http:// or https://; separate several links with spaces."),
    "registry_finding_url_several": ("В столбце «{column}» должна быть одна ссылка, а их {count}.",
                                     "Column «{column}» takes one link, not {count}."),
    "registry_fix_url_several": ("Оставьте одну ссылку; остальные перенесите в «Источник (URL)» или примечания.",
                                 "Keep one link; move the others to «Source (URL)» or the notes."),
    "registry_finding_text_too_long": ("Текст длиннее {limit} символов ({length}).",
                                       "The text is longer than {limit} characters ({length})."),
    "registry_fix_text_too_long": ("Сократите текст; подробности оставьте в источнике.",
                                   "Shorten the text; leave the details to the source."),
    "registry_finding_formula_like": (
        "Значение начинается с «{char}»: табличные программы могут принять его за формулу. При выгрузке перед ним "
        "будет поставлен апостроф.",
        "The value starts with «{char}»: spreadsheet programs may take it for a formula. Exports put an apostrophe "
        "before it."),
    "registry_fix_formula_like": ("Если это обычный текст, ничего делать не нужно.",
                                  "If it is plain text, nothing needs doing."),
    "registry_finding_ref_removed": (
        "Организации «{name}» ({value}) нет в файле, но на неё ссылаются текущие данные: {tables}.",
        "Organisation «{name}» ({value}) is not in the file, but the current data refer to it: {tables}."),
    "registry_fix_ref_removed": (
        "Верните строку этой организации с тем же идентификатором или загрузите вместе с файлом и эти листы.",
        "Put the organisation's row back with the same id, or upload those sheets together with the file."),
    "registry_finding_project_removed": (
        "Проекта «{name}» ({value}) нет в файле, но на него ссылаются текущие события.",
        "Project «{name}» ({value}) is not in the file, but current events refer to it."),
    "registry_fix_project_removed": (
        "Верните строку проекта с тем же идентификатором или загрузите вместе с файлом и лист «События».",
        "Put the project's row back with the same id, or upload the Events sheet together with the file."),
    "registry_finding_package_invalid": ("Пакет данных не проходит проверку схемы: {detail}.",
                                         "The data package fails its schema check: {detail}."),
    "registry_fix_package_invalid": ("Исправьте значение в указанном месте файла.",
                                     "Correct the value at that place in the file."),
    "registry_finding_internal_error": ("Файл не удалось обработать из-за внутренней ошибки программы.",
                                        "The file could not be processed because of an internal error."),
    "registry_fix_internal_error": ("Сообщите администратору и приложите файл.",
                                    "Tell the administrator and attach the file."),
    # The template's instructions sheet (one rule a line) and its drop-down lists.
    "registry_rules": (
        "1. Каждый лист — одна таблица, одна строка — одна запись. Строка 1 — заголовки: не меняйте их; данные — со "
        "строки 2. Файл уже заполнен текущими данными: исправьте и дополните его, затем загрузите.\n"
        "2. Столбцы со звёздочкой (*) обязательны. У заголовков есть примечания с подсказками.\n"
        "3. В каждой строке укажите источник — ссылку http:// или https:// (несколько — через пробел) — и "
        "достоверность: «указано в источнике» или «наш вывод» (рассуждение — в примечаниях).\n"
        "4. Даты — с той точностью, с какой они известны: ДД.ММ.ГГГГ (20.11.2014), ММ.ГГГГ (11.2014) или ГГГГ "
        "(2014); «не ранее 04.2022», если известна только нижняя граница. Пустая ячейка — дата неизвестна.\n"
        "5. Списки организаций (стороны соглашения, участники проекта, организации события) разделяйте точкой с "
        "запятой «;». Организацию называйте полным или кратким названием, ИНН или идентификатором с листа "
        "«Организации».\n"
        "6. Отрасль, роль, статус, достоверность, вид, «Относится к» и населённый пункт выбирайте из выпадающих "
        "списков; английское название значения или его код тоже принимаются.\n"
        "7. Идентификатор новой строки можно не заполнять — он будет создан из названия. У существующих строк его не "
        "меняйте: по нему связаны записи.\n"
        "8. Английские названия можно не заполнять — будет показано русское.\n"
        "9. Числа — цифрами, можно с пробелами и десятичной запятой: 440 000 000; 78,3.\n"
        "10. Загруженный лист заменяет все текущие данные своей таблицы; лист без строк пропускается. Можно "
        "загрузить и один лист, сохранённый как CSV (UTF-8 или Windows-1251, разделитель «,» или «;»).",
        "1. Each sheet is one table, one row one record. Row 1 holds the headers: keep them; data go from row 2. The "
        "file comes filled with the current data: correct and extend it, then upload it.\n"
        "2. Columns marked with an asterisk (*) are required. Header notes carry hints.\n"
        "3. Every row needs its source, an http:// or https:// link (several separated by spaces), and a confidence "
        "mark: «stated in the source» or «our inference» (reasoning in the notes).\n"
        "4. Dates as precise as they are known: DD.MM.YYYY (20.11.2014), MM.YYYY (11.2014) or YYYY (2014); «not "
        "before 04.2022» when only a lower bound is known. An empty cell means the date is unknown.\n"
        "5. Separate lists of organisations (agreement parties, project participants, event organisations) with "
        "semicolons «;». Name an organisation by its full or short name, INN or id from the Organisations sheet.\n"
        "6. Pick sector, role, status, confidence, kind, scope and settlement from the drop-down lists; English "
        "labels and codes are accepted too.\n"
        "7. A new row's id may stay empty: it is made from the name. Do not change the id of existing rows: records "
        "are linked by it.\n"
        "8. English names may stay empty: the Russian one is shown.\n"
        "9. Numbers in digits, spaces and a decimal comma allowed: 440 000 000; 78,3.\n"
        "10. An uploaded sheet replaces all current data of its table; a sheet without rows is skipped. A single "
        "sheet saved as CSV (UTF-8 or Windows-1251, «,» or «;» separated) may be uploaded too."),
    "registry_instructions_title": ("Реестр участников: {cluster}", "Registry of members: {cluster}"),
    "registry_instructions_sheets": ("Листы", "Sheets"),
    "registry_instructions_sheet": ("{sheet} — {about} Обязательные столбцы: {required}.",
                                    "{sheet} — {about} Required: {required}."),
    "registry_required": ("обязательный", "required"),
    "registry_pick_from_list": ("Выберите значение из списка.", "Pick a value from the list."),
    "registry_not_in_list": ("Этого значения нет в списке.", "This value is not in the list."),
    # Reports: suggestions, places, severities, and the reasons and advice findings are filled with.
    "registry_suggest": ("Возможно, имелось в виду «{suggest}». ", "Did you mean «{suggest}»? "),
    "registry_where_sheet": ("лист «{sheet}»", "sheet «{sheet}»"),
    "registry_where_row": ("строка {row}", "row {row}"),
    "registry_where_column": ("столбец «{column}»", "column «{column}»"),
    "registry_severity_error": ("Ошибка", "Error"),
    "registry_severity_warning": ("Предупреждение", "Warning"),
    "registry_no_findings": ("Ошибок не найдено.", "No problems found."),
    "registry_summary": ("Ошибок: {errors}, предупреждений: {warnings}.", "Errors: {errors}, warnings: {warnings}."),
    "registry_reason_file_not_found": ("файл не найден", "the file is not found"),
    "registry_reason_not_workbook": ("это не книга Excel (.xlsx) или она повреждена",
                                     "it is not an Excel workbook or it is damaged"),
    "registry_reason_workbook_not_csv": ("это книга Excel, а не CSV", "it is an Excel workbook, not CSV"),
    "registry_reason_not_csv_text": ("это не текстовый файл CSV", "it is not a CSV text file"),
    "registry_reason_csv_parse": ("ошибка разбора CSV ({error})", "CSV parse error ({error})"),
    "registry_reason_year_range": (": год вне 1900–2100", ": the year is outside 1900–2100"),
    "registry_reason_no_such_day": (": такого дня нет", ": no such day"),
    "registry_reason_inn_length": ("нужно 10 цифр (организация) или 12 цифр (ИП)",
                                   "it needs 10 digits (company) or 12 digits (sole trader)"),
    "registry_reason_ogrn_length": ("нужно 13 цифр (ОГРН) или 15 цифр (ОГРНИП)",
                                    "it needs 13 digits (OGRN) or 15 (OGRNIP)"),
    "registry_reason_check_digit": ("не сходится контрольная цифра", "the check digit does not match"),
    "registry_advice_launch_error": (
        "Проверьте год. Если запись о другом кластере или о контексте региона, выберите это в столбце «Относится к».",
        "Check the year. If the row is about another cluster or the regional context, choose that in the Scope "
        "column."),
    "registry_advice_launch_warning": (
        "Так бывает, если организация готовила создание кластера; иначе проверьте дату.",
        "That happens when the organisation prepared the cluster's creation; otherwise check the date."),
    "registry_sheet_skipped": ("Лист пропущен, текущие данные этой таблицы остаются без изменений. ",
                               "The sheet is skipped; the current data of this table stay as they are. "),
    "registry_in_current": ("в текущем реестре", "in the current registry"),
    "registry_on_sheet": ("на листе «{sheet}»", "on sheet «{sheet}»"),
    "registry_referrer_former_names": ("прежние названия", "former names"),
    "registry_referrer_events": ("события", "events"),
    "registry_fits": (" (подходит к: {sheets})", " (it fits: {sheets})"),
    "registry_what_to_enter": ("Что вписать: {hint}.", "What to enter: {hint}."),
    "registry_fill_cell": ("Заполните ячейку.", "Fill in the cell."),
}

COMMAND_LINE: dict[str, tuple[str, str]] = {
    "cli_missing": ("Файл или папка не найдены: {path}", "File or folder not found: {path}"),
    "cli_not_package": ("В папке нет {descriptor}: это не пакет данных: {path}",
                        "No {descriptor} in the folder, so it is not a data package: {path}"),
    "cli_kind": ("Ожидается папка пакета данных или файл .xlsx, .xlsm, .csv или .txt: {path}",
                 "Expected a data package folder or an .xlsx, .xlsm, .csv or .txt file: {path}"),
    "cli_base": ("Пакет данных для сверки повреждён:\n{error}",
                 "The data package to check against is invalid:\n{error}"),
    "cli_valid": ("Ошибок нет.", "No errors."),
    "cli_published": ("Опубликована версия {version} (предыдущая: {previous}).",
                      "Published version {version} (previous: {previous})."),
    "cli_rolled_back": ("Возвращена версия {version} (была {previous}).",
                        "Rolled back to version {version} (was {previous})."),
    "cli_template": ("Шаблон записан: {path}", "Template written: {path}"),
    "cli_diff": ("  {table}: добавлено {added}, удалено {removed}, изменено {changed}",
                 "  {table}: added {added}, removed {removed}, changed {changed}"),
    "cli_empty_password": ("пустой пароль", "empty password"),
}

ADMIN: dict[str, tuple[str, str]] = {
    # Pages and navigation
    "admin_page_title": ("{title} — администрирование", "{title} — administration"),
    "admin_nav": ("Администрирование", "Administration"),
    "admin_to_dashboard": ("К дашборду", "To the dashboard"),
    "admin_back_to_admin": ("К администрированию", "Back to administration"),
    "admin_title": ("Администрирование дашборда", "Dashboard administration"),
    "admin_login_required": ("Требуется вход администратора.", "Administrator login required."),
    # The status page
    "admin_live_package": ("Текущий пакет данных", "Live data package"),
    "admin_data_dir": ("Папка данных", "Data folder"),
    "admin_version": ("Версия", "Version"),
    "admin_version_original": ("не опубликована через эту страницу (исходный пакет)",
                               "not published through this page (the original package)"),
    "admin_loaded_at": ("Загружен в память", "Loaded into memory"),
    "admin_package_broken": ("Пакет на диске повреждён", "The package on disk is damaged"),
    "admin_package_broken_note": ("Приложение продолжает показывать последнюю исправную версию.",
                                  "The app keeps serving the last good version."),
    "admin_upload_heading": ("Загрузить реестр", "Upload a registry file"),
    "admin_check_file": ("Проверить файл", "Check the file"),
    "admin_upload_note": (
        "Файл Excel (.xlsx) или CSV, не более {limit}. Сначала файл только проверяется; опубликовать его можно "
        "после проверки.",
        "An Excel (.xlsx) or CSV file of {limit} at most. The file is only checked first; it can be published "
        "once checked.",
    ),
    "admin_rollback_heading": ("Откат", "Rollback"),
    "admin_rollback_button": ("Вернуть предыдущую версию", "Restore the previous version"),
    "admin_rollback_note": ("Снова делает текущей версию, которую заменила последняя публикация.",
                            "Makes the version that the last publication replaced current again."),
    "admin_audit_heading": ("Журнал изменений", "Audit log"),
    "admin_audit_time": ("Когда (UTC)", "When (UTC)"),
    "admin_audit_user": ("Кто", "Who"),
    "admin_audit_action": ("Действие", "Action"),
    "admin_audit_changes": ("Изменения по таблицам (+ добавлено, − удалено, ~ изменено)",
                            "Changes by table (+ added, − removed, ~ changed)"),
    "admin_audit_previous": ("предыдущая: {version}", "previous: {version}"),
    "admin_audit_unreadable": ("Журнал изменений не читается (повреждён?).",
                               "The audit log cannot be read (damaged?)."),
    "admin_no_publications": ("Публикаций ещё не было.", "Nothing has been published yet."),
    "admin_action_publish": ("публикация", "publication"),
    "admin_action_rollback": ("откат", "rollback"),
    # The check of an upload
    "admin_check_title": ("Проверка файла", "File check"),
    "admin_file_checked": ("Файл «{name}» ({size}) проверен.", "The file “{name}” ({size}) has been checked."),
    "admin_no_errors": ("Ошибок нет.", "No errors."),
    "admin_no_errors_but_remarks": ("Ошибок нет, есть замечания.", "No errors, but there are remarks."),
    "admin_has_errors": (
        "Найдены ошибки: файл нельзя опубликовать. Исправьте их и загрузите файл снова.",
        "Errors found: the file cannot be published. Correct them and upload the file again.",
    ),
    "admin_severity": ("Важность", "Severity"),
    "admin_severity_error": ("ошибка", "error"),
    "admin_severity_warning": ("предупреждение", "warning"),
    "admin_severity_info": ("сведение", "note"),
    "admin_file": ("Файл", "File"),
    "admin_sheet": ("Лист", "Sheet"),
    "admin_row": ("Строка", "Row"),
    "admin_column": ("Столбец", "Column"),
    "admin_value": ("Значение", "Value"),
    "admin_problem": ("Что не так", "What is wrong"),
    "admin_fix": ("Как исправить", "How to fix it"),
    "admin_publish": ("Опубликовать", "Publish"),
    "admin_cancel": ("Отмена", "Cancel"),
    "admin_back": ("Назад", "Back"),
    # The outcome of a publication or a rollback
    "admin_done_title": ("Готово", "Done"),
    "admin_published": ("Опубликовано: «{name}». Дашборд уже показывает новые данные.",
                        "Published: “{name}”. The dashboard already shows the new data."),
    "admin_rolled_back": ("Откат выполнен: текущей снова стала предыдущая версия.",
                          "Rolled back: the previous version is current again."),
    "admin_new_version": ("Новая текущая версия", "New current version"),
    "admin_previous_version": ("Предыдущая версия", "Previous version"),
    "admin_changes": ("Изменения", "Changes"),
    "admin_table": ("Таблица", "Table"),
    "admin_added": ("добавлено", "added"),
    "admin_removed": ("удалено", "removed"),
    "admin_changed": ("изменено", "changed"),
    "admin_no_changes": ("Данные не изменились.", "The data did not change."),
    # Refusals and failures
    "admin_error_title": ("Ошибка", "Error"),
    "admin_error": ("Что-то пошло не так; изменения не внесены. Подробности — в журнале сервера.",
                    "Something went wrong; nothing was changed. The server log has the details."),
    "admin_too_large_title": ("Файл слишком большой", "The file is too large"),
    "admin_too_large": ("Файл больше допустимого размера: можно загрузить не более {limit}.",
                        "The file is larger than allowed: the limit is {limit}."),
    "admin_no_file_title": ("Нет файла", "No file"),
    "admin_no_file": ("Выберите файл реестра (.xlsx или .csv).", "Choose a registry file (.xlsx or .csv)."),
    "admin_wrong_type_title": ("Неподходящий файл", "Unsuitable file"),
    "admin_wrong_type": ("Принимаются только файлы .xlsx и .csv, а не «{name}».",
                         "Only .xlsx and .csv files are accepted, not “{name}”."),
    "admin_unreadable_title": ("Файл не читается", "The file cannot be read"),
    "admin_unreadable": ("Не удалось прочитать «{name}»: проверьте, что это реестр в формате .xlsx или .csv (UTF-8).",
                         "“{name}” could not be read: check that it is a registry in .xlsx or .csv (UTF-8) format."),
    "admin_bad_request_title": ("Неверный запрос", "Bad request"),
    "admin_no_upload": ("Не указано, какой файл публиковать.", "The request does not say which file to publish."),
    "admin_token_missing": ("В форме нет защитного токена; откройте страницу заново.",
                            "The form lacks its security token; open the page again."),
    "admin_refused_title": ("Запрос отклонён", "Request refused"),
    "admin_token_invalid": (
        "Защитный токен формы неверен или устарел; откройте страницу администрирования заново.",
        "The security token of the form is invalid or expired; open the administration page again.",
    ),
    "admin_upload_gone_title": ("Файл не найден", "File not found"),
    "admin_upload_gone": ("Загруженный файл не найден: он уже опубликован или устарел. Загрузите его заново.",
                          "The uploaded file is gone: it has been published already or has expired. Upload it again."),
    "admin_recheck_failed_title": ("Файл больше не проходит проверку", "The file no longer passes the check"),
    "admin_publish_cancelled_title": ("Публикация отменена", "Publication cancelled"),
    "admin_publish_invalid": ("Пакет с новыми данными не прошёл проверку; ничего не изменено.",
                              "The package with the new data is invalid; nothing was changed."),
    "admin_rollback_impossible_title": ("Откат невозможен", "Rollback impossible"),
    "admin_no_earlier_version": ("Нет более ранней версии, к которой можно вернуться.",
                                 "There is no earlier version to return to."),
    "admin_previous_damaged": ("Предыдущая версия повреждена; ничего не изменено.",
                               "The previous version is damaged; nothing was changed."),
    # File sizes: a decimal comma in Russian
    "admin_size_mb": ("{size} МБ", "{size} MB"),
    "admin_size_kb": ("{size} КБ", "{size} KB"),
    "admin_size_bytes": ("{size} байт", "{size} bytes"),
    "admin_checking": ("Файл «{name}» проверяется; страница обновится сама.",
                       "The file \"{name}\" is being checked; the page refreshes by itself."),
    "admin_checking_refresh": ("Обновить", "Refresh"),
    "admin_busy_title": ("Проверка занята", "Checks busy"),
    "admin_busy": ("Сейчас проверяются другие файлы. Загрузите этот через минуту.",
                   "Other files are being checked. Upload this one again in a minute."),
    "admin_login_throttled": ("Слишком много неудачных попыток входа. Повторите попытку через {seconds} с.",
                              "Too many failed logins. Try again in {seconds} s."),
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
    "links": (("связь", "связи", "связей"), ("link", "links")),
}

# Category -> (Russian verb forms, noun forms) for the summary sentence: (one, few, many).
COMPARISON_RU_SUMMARY: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    "joined": (("вступила", "вступили", "вступили"), ("организация", "организации", "организаций")),
    "left": (("вышла", "вышли", "вышли"), ("организация", "организации", "организаций")),
    "agreements": (("подписано", "подписано", "подписано"), ("соглашение", "соглашения", "соглашений")),
    "projects_started": (("начат", "начато", "начато"), ("проект", "проекта", "проектов")),
    "projects_finished": (("завершён", "завершено", "завершено"), ("проект", "проекта", "проектов")),
    "events": (("произошло", "произошло", "произошло"), ("событие", "события", "событий")),
}

# Category -> (singular, plural, verb) for the English summary.
COMPARISON_EN_SUMMARY: dict[str, tuple[str, str, str]] = {
    "joined": ("organisation", "organisations", "joined"),
    "left": ("organisation", "organisations", "left"),
    "agreements": ("agreement", "agreements", "signed"),
    "projects_started": ("project", "projects", "started"),
    "projects_finished": ("project", "projects", "finished"),
    "events": ("event", "events", ""),
}
