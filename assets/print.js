/*
 * Charts as wide as the printed page. A plotly chart is drawn for its box on screen; the printed page is wider or
 * narrower, and a chart drawn for the screen would print at a fraction of it, or too tall to share a page.
 * Before printing, each chart is drawn again for the page: PRINT_WIDTH wide and no taller than a page holds (the
 * first one lower still, FIRST_HEIGHT of its height, so that it opens the report beside the key figures), and its
 * layers get a viewBox of that size, which fits it to the page's actual width (assets/style.css, .print-scaled).
 * After printing it is drawn as before.
 */
(function () {
    "use strict";

    var PRINT_WIDTH = 1000;  // px: A4 landscape less the page's margins and a section's padding (style.css)
    var PRINT_HEIGHT = 600;  // px: a page less the repeated header and a section's heading
    var FIRST_HEIGHT = 0.7;
    var printed = [];

    function scale(gd, on) {
        var box = gd.querySelector(".svg-container");
        if (!box) {
            return;
        }
        var size = "0 0 " + box.offsetWidth + " " + box.offsetHeight;
        box.querySelectorAll("svg.main-svg").forEach(function (svg) {
            if (on) {
                svg.setAttribute("viewBox", size);
            } else {
                svg.removeAttribute("viewBox");
            }
        });
        box.style.setProperty("--print-aspect", box.offsetWidth + " / " + box.offsetHeight);
        box.classList.toggle("print-scaled", on);
    }

    window.addEventListener("beforeprint", function () {
        if (!window.Plotly) {
            return;
        }
        document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
            if (!gd._fullLayout || !gd.offsetWidth) {
                return;  // not drawn, or hidden (a folded section)
            }
            var height = gd._fullLayout.height;
            height = printed.length ? Math.min(height, PRINT_HEIGHT) : Math.round(height * FIRST_HEIGHT);
            printed.push({gd: gd, width: gd.layout.width, height: gd.layout.height});
            // drawn at once: a plain SVG chart has nothing to wait for, and print does not wait
            window.Plotly.relayout(gd, {width: PRINT_WIDTH, height: height});
            scale(gd, true);
        });
    });

    window.addEventListener("afterprint", function () {
        printed.forEach(function (chart) {
            scale(chart.gd, false);
            // null removes a size the figure did not set: the chart fills its box again
            window.Plotly.relayout(chart.gd, {width: chart.width === undefined ? null : chart.width,
                                              height: chart.height === undefined ? null : chart.height});
        });
        printed = [];
    });
})();
