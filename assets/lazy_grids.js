/*
 * The tables' grids are created only when their sections near the screen (layout._grid_section): starting a
 * grid is the largest part of drawing the page, and a page read from the top may never need its tables.
 * Each placeholder (.grid-slot) is watched once; when it comes within a screen's height of the viewport, the
 * store its data-near-store names is set to true and a callback creates the grid with its rows.
 * A page drawn anew (another language, a new address) brings new placeholders, which are watched in turn.
 * AG Grid's own code is not in the page either (dashboard/web/vendor.py): the first slot to near the screen
 * loads it, from the URL in the page's <meta name="grid-bundle">, before its grid is asked for.
 */
(function () {
    "use strict";

    var AHEAD = "100% 0px";  // a screen's height above and below the viewport
    var gridCode = null;  // a promise: AG Grid's bundle loaded
    // dash-renderer looks up the component of every callback's id when it starts, in the validation layout
    // that names the grids: until the bundle replaces it, the grid is a component without prop types, which the
    // renderer checks nothing against.
    var placeholder = {AgGrid: {}};
    window.dash_ag_grid = window.dash_ag_grid || placeholder;

    function loadGridCode() {
        if (!gridCode) {
            gridCode = new Promise(function (resolve, reject) {
                if (window.dash_ag_grid !== placeholder) {
                    resolve();  // in the page already (Dash's eager_loading)
                    return;
                }
                var script = document.createElement("script");
                script.src = document.querySelector('meta[name="grid-bundle"]').content;
                script.onload = resolve;
                script.onerror = reject;
                document.head.appendChild(script);
            });
        }
        return gridCode;
    }

    var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
            var clientside = window.dash_clientside;
            if (entry.isIntersecting && clientside && clientside.set_props) {
                observer.unobserve(entry.target);
                var store = entry.target.dataset.nearStore;
                loadGridCode().then(function () {
                    clientside.set_props(store, {data: true});
                });
            }
        });
    }, {rootMargin: AHEAD});

    function watchNew() {
        document.querySelectorAll(".grid-slot[data-near-store]:not([data-watched])").forEach(function (slot) {
            slot.setAttribute("data-watched", "");
            observer.observe(slot);
        });
    }

    var scheduled = false;

    function watchBeforeNextFrame() {
        if (!scheduled) {
            scheduled = true;
            window.requestAnimationFrame(function () {
                scheduled = false;
                watchNew();
            });
        }
    }

    function start() {
        watchNew();
        new MutationObserver(watchBeforeNextFrame).observe(document.body, {subtree: true, childList: true});
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
