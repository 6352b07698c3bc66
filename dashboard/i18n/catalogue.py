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
}

REGISTRY: dict[str, tuple[str, str]] = {
}

COMMAND_LINE: dict[str, tuple[str, str]] = {
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
}

# The table grid's own texts under AG Grid's locale keys: a catalogue of their own, since those keys are AG Grid's.
GRID: dict[str, tuple[str, str]] = {
}

SECTIONS = (PAGE, COMPARISON, NETWORK, EXPORTS, REGISTRY, COMMAND_LINE, ADMIN)
TEXT: dict[str, tuple[str, str]] = {key: text for section in SECTIONS for key, text in section.items()}

# Nouns counted in sentences: the Russian forms for one, few and many, the English for one and many.
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
