/*
 * A chart on a narrow screen (a phone) takes the layout its figure declares for one, layout.meta.narrow (plotly
 * has no media queries; figures/map.py stacks its two panels), and the points of traces it declares, meta.narrow_traces.
 * A figure is narrowed before it is drawn (assets/plotly-visible.js hands each one here first): drawn wide and then
 * narrowed, a phone drew every chart twice. A chart that becomes narrow later (a phone turned upright) is
 * narrowed once drawn again at its new width.
 */
(function () {
    "use strict";

    var NARROW_PX = 576;  // Bootstrap's "sm": a phone held upright

    function toNarrow(gd, layout) {
        var meta = layout && layout.meta;
        return meta && meta.narrow && !meta.narrowed && gd.offsetWidth && gd.offsetWidth < NARROW_PX ? meta : null;
    }

    // a responsive chart takes its box's height: the box is given the narrow height
    function narrowBox(gd, meta) {
        var box = gd.closest(".dash-graph");
        if (box && meta.narrow.height) {
            box.style.height = meta.narrow.height + "px";
        }
    }

    // A copy of ``object`` with plotly.js attribute strings ("margin.t") set, sharing what they leave alone.
    function withAttributes(object, values) {
        var copy = Object.assign({}, object);
        Object.keys(values).forEach(function (path) {
            var parts = path.split(".");
            var node = copy;
            parts.slice(0, -1).forEach(function (part) {
                node = node[part] = Object.assign({}, node[part]);
            });
            node[parts[parts.length - 1]] = values[path];
        });
        return copy;
    }

    // The figure (data, layout, config, as Plotly.react takes it) as a narrow chart draws it, or the figure itself.
    function narrowFigure(gd, figure) {
        var meta = toNarrow(gd, figure.layout);
        if (!meta) {
            return figure;
        }
        narrowBox(gd, meta);
        var traces = meta.narrow_traces || {};
        var data = (figure.data || []).map(function (trace, index) {
            return traces[index] ? withAttributes(trace, traces[index]) : trace;
        });
        var layout = withAttributes(figure.layout, meta.narrow);
        layout.meta = Object.assign({}, meta, {narrowed: true});
        return Object.assign({}, figure, {data: data, layout: layout});
    }

    function narrow(gd) {
        var meta = toNarrow(gd, gd.layout);
        if (meta) {
            narrowBox(gd, meta);
            // a figure may give some of its traces other points there too (the map, its names placed anew):
            // restyle values by attribute, one per trace of ``indices``
            var traces = meta.narrow_traces || {};
            var indices = Object.keys(traces).map(Number);
            var restyle = {};
            indices.forEach(function (index, k) {
                Object.keys(traces[index]).forEach(function (key) {
                    (restyle[key] = restyle[key] || [])[k] = traces[index][key];
                });
            });
            window.Plotly.update(gd, restyle, Object.assign({"meta.narrowed": true}, meta.narrow), indices);
        }
    }

    window.dashboardNarrowFigure = narrowFigure;

    function watchNew() {
        document.querySelectorAll(".js-plotly-plot:not([data-narrow-watched])").forEach(function (gd) {
            if (typeof gd.on !== "function") {
                return;  // not drawn yet: the next mutation finds it again
            }
            gd.setAttribute("data-narrow-watched", "");
            gd.on("plotly_afterplot", function () {
                narrow(gd);
            });
            narrow(gd);
        });
    }

    var scheduled = false;

    function start() {
        watchNew();
        new MutationObserver(function () {
            if (!scheduled) {
                scheduled = true;
                window.requestAnimationFrame(function () {
                    scheduled = false;
                    watchNew();
                });
            }
        }).observe(document.body, {subtree: true, childList: true});
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
