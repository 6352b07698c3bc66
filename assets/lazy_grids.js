/*
 * The tables' grids are created only when their sections near the screen (layout._grid_section): starting a
 * grid is the largest part of drawing the page, and a page read from the top may never need its tables.
 * Each placeholder (.grid-slot) is watched once; when it comes within a screen's height of the viewport, the
 * store its data-near-store names is set to true and a callback creates the grid with its rows.
 * A page drawn anew (another language, a new address) brings new placeholders, which are watched in turn.
 */
(function () {
    "use strict";

    var AHEAD = "100% 0px";  // a screen's height above and below the viewport

    var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
            var clientside = window.dash_clientside;
            if (entry.isIntersecting && clientside && clientside.set_props) {
                observer.unobserve(entry.target);
                clientside.set_props(entry.target.dataset.nearStore, {data: true});
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
