/*
 * A chart on a narrow screen (a phone) takes the layout its figure declares for one, layout.meta.narrow (plotly
 * has no media queries; figures/map.py stacks its two panels), and the points of traces it declares, meta.narrow_traces. A figure drawn anew (a filter change) comes with
 * its wide layout, and is narrowed again once drawn.
 */
(function () {
    "use strict";

    var NARROW_PX = 576;  // Bootstrap's "sm": a phone held upright

    function narrow(gd) {
        var meta = gd.layout && gd.layout.meta;
        if (meta && meta.narrow && !meta.narrowed && gd.offsetWidth && gd.offsetWidth < NARROW_PX) {
            // a responsive chart takes its box's height: the box is given the narrow height
            var box = gd.closest(".dash-graph");
            if (box && meta.narrow.height) {
                box.style.height = meta.narrow.height + "px";
            }
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
