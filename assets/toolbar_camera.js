/*
 * The chart toolbar's camera saves the chart as the PNG button above it does: under a name that tells the
 * cluster, chart, filters and date (the PNG button's clientside callback knows it). That name changes with
 * every filter change; kept in the chart's config, it would make plotly.js draw the chart anew from scratch
 * each time (a changed config turns Plotly.react into a new plot), so the camera hands its click on instead.
 */
document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest(".modebar-btn");
    // the camera: "Download plot as a PNG", «Скачать график в формате PNG» (assets/plotly-locale-ru.js)
    if (!button || !(button.getAttribute("data-title") || "").endsWith("PNG")) {
        return;
    }
    const graph = button.closest(".dash-graph");
    const png = graph && document.querySelector(`[data-png-for="${CSS.escape(graph.id)}"]`);
    if (png) {
        event.stopPropagation();
        event.preventDefault();
        png.click();
    }
}, true);
