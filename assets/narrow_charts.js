/*
 * A chart on a narrow screen (a phone) takes the layout its figure declares for one, layout.meta.narrow (plotly
 * has no media queries; figures/map.py stacks its two panels). A figure drawn anew (a filter change) comes with
 * its wide layout, and is narrowed again once drawn. Its traces may change there too: layout.meta.narrow_traces,
 * a restyle (legend entries on shorter lines).
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
            var layout = Object.assign({"meta.narrowed": true}, meta.narrow);
            // relayout() where no trace changes: with update() the map's narrow layout put town names past its edge
            if (meta.narrow_traces) {
                window.Plotly.update(gd, meta.narrow_traces, layout);
            } else {
                window.Plotly.relayout(gd, layout);
            }
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
