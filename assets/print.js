/*
 * Charts as wide as the printed page, and pages that are full. A plotly chart is drawn for its box on screen; the
 * printed page is wider or narrower, and a chart drawn for the screen would print at a fraction of it, or too tall
 * to share a page. Before printing, each chart is drawn again for the page: PRINT_WIDTH wide, its layers with a
 * viewBox of that size, which fits it to the page's actual width (assets/style.css, .print-scaled).
 *
 * Its height is chosen for the pages: a chart cannot be cut, so one that does not fit below what precedes it moves
 * to the next page and leaves the rest of this one blank. The page is laid out as printed (the print rules applied
 * to the screen for a moment, on a page's width) and its pages counted: a chart (with its heading, kept with it by
 * style.css) is first drawn no taller than a page; where it would leave more than half a page blank it is drawn
 * lower, to end at the page's foot, down to MIN_HEIGHT of a page. After printing the charts are drawn as before.
 */
(function () {
    "use strict";

    var PRINT_WIDTH = 1000;  // px: about a page's width, so a chart's type prints at about its size on screen
    // The page's content box: A4 landscape less the margins of style.css's @page (297 x 210 mm less 12 and 10 mm)
    var PAGE_WIDTH = "273mm";
    var PAGE_HEIGHT = 190 * 96 / 25.4;  // px
    var MIN_HEIGHT = 0.45;
    var SLACK = 4;  // px: what the printed page may round differently
    // What a page never cuts (style.css, break-inside: avoid)
    var UNBREAKABLE = "p, li, tr, h2, h3, .card";
    var printed = [];

    function scale(gd, on) {
        var box = gd.querySelector(".svg-container");
        var size = gd._fullLayout.width + " " + gd._fullLayout.height;
        box.querySelectorAll("svg.main-svg").forEach(function (svg) {
            if (on) {
                svg.setAttribute("viewBox", "0 0 " + size);
            } else {
                svg.removeAttribute("viewBox");
            }
        });
        box.style.setProperty("--print-aspect", size.replace(" ", " / "));
        box.classList.toggle("print-scaled", on);
    }

    function draw(gd, height) {
        // drawn at once: a plain SVG chart has nothing to wait for, and print does not wait
        window.Plotly.relayout(gd, {width: PRINT_WIDTH, height: Math.round(height)});
        scale(gd, true);
    }

    // The print rules (every stylesheet's @media print, Bootstrap's too) on screen as well, or no longer.
    function printRules(on) {
        Array.prototype.forEach.call(document.styleSheets, function (sheet) {
            var rules;
            try {
                rules = sheet.cssRules;
            } catch (e) {
                return;  // another origin's sheet: not ours to read
            }
            Array.prototype.forEach.call(rules, function (rule) {
                if (rule.media && rule.media.mediaText === (on ? "print" : "print, screen")) {
                    if (on) {
                        rule.media.appendMedium("screen");
                    } else {
                        rule.media.deleteMedium("screen");
                    }
                }
            });
        });
        document.documentElement.style.width = on ? PAGE_WIDTH : "";
    }

    // What cannot be cut, top to bottom, in px from the top of the content: a chart from its section's heading.
    function blocks(origin, charts) {
        var found = charts.map(function (gd) {
            var view = gd.closest(".view");
            return {top: (view || gd).firstElementChild.getBoundingClientRect().top - origin,
                    bottom: gd.getBoundingClientRect().bottom - origin, gd: gd};
        });
        document.querySelectorAll(".dashboard " + UNBREAKABLE.split(", ").join(", .dashboard "))
            .forEach(function (element) {
                var box = element.getBoundingClientRect();
                if (box.height) {
                    found.push({top: box.top - origin, bottom: box.bottom - origin,
                                heading: /^H[23]$/.test(element.tagName)});
                }
            });
        return found;
    }

    // A chart drawn by so many px lower, if it stays MIN_HEIGHT of a page tall: whether it was.
    function lower(chart, by, page) {
        var shown = chart.gd.getBoundingClientRect().height;
        if (by <= 0 || shown - by < MIN_HEIGHT * page) {
            return false;
        }
        draw(chart.gd, chart.gd._fullLayout.height * (shown - by) / shown);
        return true;
    }

    // The pages as printed, from the first: where each starts, and each chart drawn to fit them.
    function paginate(charts) {
        var content = document.querySelector(".dashboard");
        var style = window.getComputedStyle(content);
        // its padding is repeated on every page (style.css, box-decoration-break)
        var page = PAGE_HEIGHT - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
        var origin = content.getBoundingClientRect().top + parseFloat(style.paddingTop);
        blocks(origin, charts).filter(function (b) { return b.gd; }).forEach(function (chart) {
            lower(chart, chart.bottom - chart.top - page + SLACK, page);  // with its heading, no taller than a page
        });
        var start = 0;
        for (var guard = 0; guard < 500; guard++) {
            var all = blocks(origin, charts);
            var end = start + page;
            var cut = all.filter(function (b) { return b.top > start + 1 && b.top < end && b.bottom > end; });
            if (!cut.length) {
                if (!all.some(function (b) { return b.bottom > end; })) {
                    return;  // the rest fits this page
                }
                start = end;
                continue;
            }
            var next = Math.min.apply(null, cut.map(function (b) { return b.top; }));
            // a heading goes to the next page with what follows it
            all.filter(function (b) { return b.heading && b.top > start && b.bottom <= next + 1; })
                .sort(function (a, b) { return b.bottom - a.bottom; })
                .forEach(function (b) {
                    if (b.bottom > next - 30) {
                        next = b.top;
                    }
                });
            var chart = cut.filter(function (b) { return b.gd; })[0];
            if (!(chart && end - next > page / 2 && lower(chart, chart.bottom - end + SLACK, page))) {
                start = next;
            }
        }
    }

    window.addEventListener("beforeprint", function () {
        if (!window.Plotly) {
            return;
        }
        var charts = Array.prototype.filter.call(document.querySelectorAll(".js-plotly-plot"), function (gd) {
            return gd._fullLayout && gd.offsetWidth;  // drawn, and not hidden (a folded section)
        });
        charts.forEach(function (gd) {
            printed.push({gd: gd, width: gd.layout.width, height: gd.layout.height});
            draw(gd, gd._fullLayout.height);
        });
        printRules(true);
        try {
            paginate(charts);
        } finally {
            printRules(false);
        }
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
