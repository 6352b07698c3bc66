/*
 * The header's picture in the page's HTML (dashboard/web/first_paint.py) goes as the page draws its own header
 * under it: in the same task, before the browser paints again, so that the page never shows or holds two.
 */
(function () {
    "use strict";

    var picture = document.querySelector(".first-paint");
    var page = document.getElementById("react-entry-point");
    if (!picture || !page) {
        return;
    }
    var observer = new MutationObserver(function () {
        if (page.querySelector(".app-header")) {
            observer.disconnect();
            picture.remove();
        }
    });
    observer.observe(page, {childList: true, subtree: true});
})();
