/*
 * html.Details reports clicks, not whether it is open. Tell Dash when a <details> with an id opens or
 * closes (by mouse, keyboard or script), so that the tables folded in it are drawn only while it is open:
 * closed, they cost the page nothing.
 */
(function () {
    "use strict";

    document.addEventListener("toggle", function (event) {
        var details = event.target;
        var clientside = window.dash_clientside;
        if (details instanceof HTMLDetailsElement && details.id && clientside && clientside.set_props) {
            clientside.set_props(details.id, {open: details.open});
        }
    }, true);  // toggle does not bubble: listen while it is captured
})();
