/*
 * Charts in sight are drawn first, and a chart out of sight only once it nears the viewport. A first load, a filter
 * change, the language switch or presentation mode hands every chart a new figure at once, and plotly.js drew them
 * all in one task before the page could show any of them (19-45 ms a chart on a desktop, four times that on a
 * phone), then the ones out of sight in long tasks of their own while the page was still being used. So a chart
 * out of sight keeps its figure aside and is drawn when it comes within half a screen of the viewport (those
 * already that near once the charts in sight are on the screen), one a task, the nearest first: the page is
 * painted, and answers a click, between two. A chart far away is drawn when scrolled near, before the page is
 * printed, or when it is saved as a picture. Every chart is up to date by the time anyone sees, prints or saves it.
 *
 * dcc.Graph calls window.Plotly.react with each new figure; this wraps it, and hands each figure to
 * narrow_charts.js first. Loaded after narrow_charts.js and plotly-locale-ru.js (whose property setter catches
 * plotly.js arriving) and before print.js (whose beforeprint listener must find every chart drawn): Dash loads
 * assets in the order of their names.
 */
(function () {
    "use strict";

    var AHEAD = 0.5;  // of a screen's height, above and below the viewport: near it
    var pending = new Map();  // chart div -> the figure it holds aside
    var react = null;  // plotly.js's own
    var nextRequested = false;
    var loaded = false;  // a chart has been drawn: the page is on the screen

    // How far a chart is from the viewport, in px (0: in sight; a chart in a folded section is nowhere)
    function distance(gd) {
        var box = gd.getBoundingClientRect();
        return box.width > 0 ? Math.max(0, box.top - window.innerHeight, -box.bottom) : Infinity;
    }

    function drawNow(gd, figure) {
        var later = gd.__listenLater;
        if (later) {
            // out of plotly.js's way: a first drawing clears whatever listeners a chart has
            delete gd.__listenLater;
            delete gd.on;
            delete gd.removeAllListeners;
        }
        var drawn = react(gd, window.dashboardNarrowFigure ? window.dashboardNarrowFigure(gd, figure) : figure);
        loaded = true;
        // the chart has events of its own now: the listeners bound before take them
        (later || []).forEach(function (listener) {
            gd.on(listener[0], listener[1]);
        });
        return drawn;
    }

    function draw(gd) {
        var figure = pending.get(gd);
        pending.delete(gd);
        if (figure && gd.isConnected) {
            drawNow(gd, figure);
        }
    }

    // dcc.Graph binds its listeners (clicks, hovers) as soon as its first drawing is done. A chart not drawn yet
    // keeps them until it is: so dcc.Graph may go on as if it were drawn, and hand over its next figure at once.
    function listenLater(gd) {
        var later = gd.__listenLater = [];
        gd.on = function (event, listener) {
            later.push([event, listener]);
        };
        gd.removeAllListeners = function () {
            later.length = 0;
        };
    }

    // The charts holding a figure aside, still on the page, the nearest first
    function nearest() {
        var gds = Array.from(pending.keys()).filter(function (gd) {
            return gd.isConnected || !pending.delete(gd);
        });
        var distances = new Map(gds.map(function (gd) {
            return [gd, distance(gd)];
        }));
        return gds.sort(function (a, b) {
            return distances.get(a) - distances.get(b) || (a.compareDocumentPosition(b) & 4 ? -1 : 1);
        }).map(function (gd) {
            return [gd, distances.get(gd)];
        });
    }

    function drawNext() {
        nextRequested = false;
        var next = nearest()[0];
        if (next && next[1] <= AHEAD * window.innerHeight) {
            requestNext();  // the next one, even if this one fails
            draw(next[0]);
        }
    }

    // A task of its own: what the browser has to do meanwhile (paint, a click) comes first
    function requestNext() {
        if (!nextRequested && pending.size) {
            nextRequested = true;
            window.setTimeout(drawNext, 0);
        }
    }

    // a chart nearing the viewport is drawn next (in a task of its own, should several near it at once)
    var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) {
            return entry.isIntersecting && pending.has(entry.target);
        })) {
            requestNext();
        }
    }, {rootMargin: AHEAD * 100 + "% 0px"});

    function deferredReact(gd, figure) {
        if (!gd.__plotlyVisibleWatched) {
            gd.__plotlyVisibleWatched = true;
            observer.observe(gd);
        }
        // A chart in sight is drawn at once, but for the page's first: loading, it waits for the task that mounts
        // the page to end, which it made the page's longest (a switch, awaited by a user who clicked, does not).
        if (distance(gd) === 0 && (gd._fullLayout || loaded)) {
            pending.delete(gd);
            return drawNow(gd, figure);
        }
        if (!gd._fullLayout && !gd.__listenLater) {
            listenLater(gd);
        }
        pending.set(gd, figure);
        requestNext();
        return Promise.resolve(gd);  // the chart as it was (or an empty box) stays until then
    }

    function drawAll() {
        Array.from(pending.keys()).forEach(draw);
    }

    function install(plotly) {
        if (!plotly || react) {
            return;
        }
        react = plotly.react;
        plotly.react = deferredReact;
    }

    // drawn at once: a plain SVG chart has nothing to wait for, and print does not wait
    window.addEventListener("beforeprint", drawAll);
    window.dashboardCharts = {
        // how many charts on the page hold a figure aside
        waiting: function () {
            return nearest().length;
        },
        // every one drawn now, as if each were scrolled to: tests read charts out of sight, and
        // benchmarks/browser.py times every chart
        drawAll: drawAll,
        // The chart of a dcc.Graph (by its id), drawn now if it held its figure aside: a picture is made from
        // it (sections/downloads.py).
        drawn: function (graphId) {
            var box = document.getElementById(graphId);
            Array.from(pending.keys()).filter(function (gd) {
                return box && box.contains(gd);
            }).forEach(draw);
            return box && box.querySelector(".js-plotly-plot");
        },
    };

    if (window.Plotly) {
        install(window.Plotly);
    } else {
        // plotly.js is not loaded yet: install when it assigns window.Plotly, keeping the setter already there
        var before = Object.getOwnPropertyDescriptor(window, "Plotly") || {};
        var value;
        Object.defineProperty(window, "Plotly", {
            configurable: true,
            enumerable: true,
            get: function () {
                return before.get ? before.get.call(window) : value;
            },
            set: function (plotly) {
                if (before.set) {
                    before.set.call(window, plotly);
                } else {
                    value = plotly;
                }
                install(plotly);
            },
        });
    }
})();
