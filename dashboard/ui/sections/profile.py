"""An organisation's profile in a side panel: its facts, former names, notes, sources and what it took part in;
opened from the map, the network, a members row or any organisation's button."""

from __future__ import annotations

import json
from string import Template

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, html

from dashboard.data import derive
from dashboard.data.filters import known_organisations
from dashboard.data.package import ClusterData
from dashboard.data.vocab import CONFIDENCE, LOCATION_PRECISION, ROLE, STATUS
from dashboard.i18n import DEFAULT_LANG, LANGS, format_date, pick, t
from dashboard.ui import components, events, ids
from dashboard.ui.figures.map import MAP_GROUP, MAP_SETTLEMENT
from dashboard.ui.figures.network import NODE_ORG_ID
from dashboard.ui.view import View, current_data, state_from_query

# A clicked network node's id longer than this is no organisation's.
MAX_ORG_ID = 200
# A click on a profile button, as {org, at}. Every filter change draws the buttons beside the map anew, which
# fires the callbacks on all of them with no click: answered here, that costs no round trip to the server.
ORG_CLICKED_JS = Template("""
function() {
    const trigger = (window.dash_clientside.callback_context.triggered || [])[0] || {};
    if (!trigger.value) {
        return window.dash_clientside.no_update;
    }
    const id = JSON.parse(trigger.prop_id.slice(0, trigger.prop_id.lastIndexOf(".")));
    return {org: id[$org], at: Date.now()};
}
""").substitute(org=json.dumps(ids.ORG_LINK_ORG))


def layout(view: View) -> dbc.Offcanvas:
    return dbc.Offcanvas(id=ids.PROFILE, title=html.Span(t("profile", view.lang), id=ids.PROFILE_TITLE),
                         labelledby=f"{ids.PROFILE_TITLE} {ids.PROFILE_NAME}", is_open=False, placement="end",
                         className="profile", children=html.Div(id=ids.PROFILE_BODY))


def _links(source_urls: str) -> list:
    return [html.Li(html.A(url, href=url, target="_blank", rel="noopener noreferrer"))
            for url in derive.source_list(source_urls)]


def _linked(data: ClusterData, org_id: str, lang: str) -> list:
    """The profile's lists of agreements, projects and events naming the organisation."""
    tables = (
        ("agreements", data.agreements, data.agreement_parties, "agreement_id", "signed"),
        ("projects", data.projects, data.project_participants, "project_id", "started"),
        ("events", data.events, data.event_organisations, "event_id", "date"),
    )
    blocks = []
    for title_key, frame, links, key, date_field in tables:
        linked = frame[frame[key].isin(links.loc[links["org_id"] == org_id, key])].sort_values(date_field)
        items = [html.Li([f"{format_date(row[date_field], row[f'{date_field}_precision'], lang)} — "
                          f"{pick(row, 'title', lang)} ",
                          *(html.A("↗", href=url, target="_blank", rel="noopener noreferrer", title=url)
                            for url in derive.source_list(row["source_urls"]))])
                 for row in linked.to_dict("records")]
        blocks += [html.H3(t(title_key, lang), className="h6 mt-3"),
                   html.Ul(items) if items else html.P(t("none", lang), className="text-muted")]
    return blocks


def profile(data: ClusterData, org_ids: list[str], lang: str) -> list:
    """Profile of one organisation, or a chooser when a map marker stands for several."""
    if len(org_ids) > 1:
        names = derive.names_of(data, org_ids, lang)
        return [html.P(t("profile_choose", lang)),
                html.Ul([html.Li(components.org_buttons([entry])) for entry in zip(org_ids, names, strict=True)])]
    org = data.organisations.set_index("org_id").loc[org_ids[0]]
    row = {"org_id": org_ids[0], **org.to_dict()}
    settlements = derive.table_labels(data, "settlements", "settlement_id", lang)
    sectors = derive.table_labels(data, "sectors", "sector_id", lang)
    former = data.organisation_names[data.organisation_names["org_id"] == org_ids[0]]
    facts = [
        (t("col_sector", lang), sectors[row["sector"]]),
        (t("col_role", lang), ROLE[row["role"]].label(lang)),
        (t("col_status", lang), STATUS[row["status"]].label(lang)),
        (t("location", lang), f"{settlements.get(row['settlement_id'], '—')} "
                              f"({LOCATION_PRECISION[row['location_precision']].label(lang)})"),
        (t("col_joined", lang), format_date(row["joined"], row["joined_precision"], lang)),
        (t("col_confidence", lang), CONFIDENCE[row["confidence"]].label(lang)),
    ]
    former_items = [html.Li(f"{pick(f, 'former_name', lang)} ({t('until', lang)} "
                            f"{format_date(f['renamed'], f['renamed_precision'], lang)})")
                    for f in former.to_dict("records")]
    notes = pick(row, "notes", lang)
    return [
        html.H3(pick(row, "name", lang), className="h5", id=ids.PROFILE_NAME),
        html.Dl([part for label, value in facts for part in (html.Dt(label), html.Dd(value))],
                className="profile-facts"),
        *([html.H3(t("former_names", lang), className="h6"), html.Ul(former_items)] if former_items else []),
        *([html.H3(t("notes", lang), className="h6"), html.P(notes)] if notes else []),
        html.H3(t("sources", lang), className="h6"), html.Ul(_links(row["source_urls"]), className="sources"),
        *_linked(data, org_ids[0], lang),
    ]



def register_callbacks(app: dash.Dash) -> None:
    app.clientside_callback(ORG_CLICKED_JS, Output(ids.ORG_CLICKED, "data"), Input(ids.org_link(ALL), "n_clicks"),
                            prevent_initial_call=True)

    @app.callback(
        Output(ids.PROFILE, "is_open"),
        Output(ids.PROFILE_BODY, "children"),
        Input(ids.MAP, "clickData"),
        Input(ids.NETWORK, "clickData"),
        Input(ids.ORG_CLICKED, "data"),
        State(ids.LANG, "data"),
        State(ids.URL_QUERY, "data"),
        prevent_initial_call=True,
    )
    def open_profile(map_click, network_click, org_clicked, lang, query) -> tuple:
        data = current_data()
        lang = lang if lang in LANGS else DEFAULT_LANG
        trigger = ctx.triggered_id
        if trigger == ids.MAP:
            # The organisations of the clicked point under the filters the page shows.
            view = View(data, state_from_query(data, query))
            org_ids = derive.point_organisations(data, view.filtered, events.point_value(map_click, MAP_SETTLEMENT),
                                                 events.point_value(map_click, MAP_GROUP))
        elif trigger == ids.NETWORK:
            org_ids = [events.point_value(network_click, NODE_ORG_ID, MAX_ORG_ID)]
        else:
            org_ids = [org_clicked.get("org")] if isinstance(org_clicked, dict) else []
        known = known_organisations(data)
        org_ids = [org_id for org_id in org_ids if isinstance(org_id, str) and org_id in known]
        if not org_ids:
            return dash.no_update, dash.no_update
        return True, profile(data, org_ids, lang)
